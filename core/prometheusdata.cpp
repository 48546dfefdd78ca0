// SPDX-License-Identifier: Apache-2.0
#include "prometheusdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

double PrometheusSeries::value() const
{
    return samples.isEmpty() ? std::numeric_limits<double>::quiet_NaN() : samples.constLast().value;
}

double parsePrometheusValue(const QString& text, bool* ok)
{
    if (ok)
        *ok = true;
    // Prometheus writes non-finite values with Go's strconv spelling, which QString::toDouble()
    // does not accept in every form, so name them explicitly.
    if (text == u"NaN")
        return std::numeric_limits<double>::quiet_NaN();
    if (text == u"+Inf" || text == u"Inf")
        return std::numeric_limits<double>::infinity();
    if (text == u"-Inf")
        return -std::numeric_limits<double>::infinity();
    bool converted = false;
    const double value = text.toDouble(&converted);
    if (ok)
        *ok = converted;
    return converted ? value : std::numeric_limits<double>::quiet_NaN();
}

namespace {

// A sample is [ <unix time>, "<value>" ].
bool parseSample(const QJsonValue& json, PrometheusSample& sample)
{
    const QJsonArray pair = json.toArray();
    if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isString())
        return false;
    bool ok = false;
    sample.timestamp = pair.at(0).toDouble();
    sample.value = parsePrometheusValue(pair.at(1).toString(), &ok);
    return ok;
}

bool parseSeries(const QJsonObject& json, PrometheusSeries& series)
{
    const QJsonObject metric = json.value(u"metric").toObject();
    for (auto it = metric.begin(); it != metric.end(); ++it)
        series.metric.insert(it.key(), it.value().toString());
    if (json.contains(u"value")) {
        PrometheusSample sample;
        if (!parseSample(json.value(u"value"), sample))
            return false;
        series.samples.append(sample);
        return true;
    }
    const QJsonArray values = json.value(u"values").toArray();
    series.samples.reserve(values.size());
    for (const QJsonValue& value : values) {
        PrometheusSample sample;
        if (!parseSample(value, sample))
            return false;
        series.samples.append(sample);
    }
    return true;
}

PrometheusData badResponse(const QString& why)
{
    PrometheusData data;
    data.status = PrometheusData::Status::BadResponse;
    data.errorType = u"bad_response"_qs;
    data.error = why;
    return data;
}

} // namespace

PrometheusData parsePrometheusData(const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject())
        return badResponse(u"the answer is not Prometheus API JSON ("_qs + parseError.errorString() + u")"_qs);
    return parsePrometheusData(document.object());
}

PrometheusData parsePrometheusData(const QJsonObject& root)
{
    PrometheusData data;
    for (const QJsonValue& warning : root.value(u"warnings").toArray())
        data.warnings.append(warning.toString());
    const QString status = root.value(u"status").toString();
    if (status == u"error") {
        data.status = PrometheusData::Status::PrometheusError;
        data.errorType = root.value(u"errorType").toString();
        data.error = root.value(u"error").toString();
        if (data.error.isEmpty()) // a proxy's or a broken server's answer: say so rather than nothing
            data.error = u"it gave no reason (\"status\": \"error\" without an \"error\" text)"_qs;
        return data;
    }
    if (status != u"success")
        return badResponse(u"the answer has no \"status\": \"success\""_qs);
    const QJsonObject payload = root.value(u"data").toObject();
    data.resultType = payload.value(u"resultType").toString();
    const QJsonValue result = payload.value(u"result");
    if (data.resultType == u"scalar" || data.resultType == u"string") {
        PrometheusSeries series;
        PrometheusSample sample;
        if (data.resultType == u"scalar" && !parseSample(result, sample))
            return badResponse(u"malformed scalar result"_qs);
        series.samples.append(sample);
        data.series.append(series);
        return data;
    }
    if (data.resultType != u"vector" && data.resultType != u"matrix")
        return badResponse(u"unknown resultType \""_qs + data.resultType + u'"');
    const QJsonArray list = result.toArray();
    data.series.reserve(list.size());
    for (const QJsonValue& entry : list) {
        PrometheusSeries series;
        if (!parseSeries(entry.toObject(), series))
            return badResponse(u"malformed sample in a "_qs + data.resultType + u" result"_qs);
        data.series.append(std::move(series));
    }
    return data;
}
