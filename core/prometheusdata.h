// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

/*! One sample of a Prometheus series: unix time in seconds, value (may be NaN or +-Inf). */
struct PrometheusSample
{
    double timestamp = 0;
    double value = 0;
};

/*!
 * One series of a vector (one sample) or matrix (several samples) result. Labels are kept as
 * sent; a label Prometheus did not send is absent from the map, not an empty string.
 */
struct PrometheusSeries
{
    QMap<QString, QString> metric;
    QList<PrometheusSample> samples;

    QString label(const QString& name) const { return metric.value(name); }
    /*! The (last) value; NaN when the series has no sample. */
    double value() const;
};

/*!
 * The data of a Prometheus HTTP API answer, parsed without network types so that model/ can
 * build graphs from recorded responses. errorType/error are Prometheus' own words when its
 * "status" was "error" (or the parser's when the body was not the API's JSON).
 */
struct PrometheusData
{
    enum class Status { Success, PrometheusError, BadResponse };
    Status status = Status::Success;
    QString errorType; //!< bad_data, timeout, execution, canceled, internal, unavailable, not_found
    QString error;
    QString resultType; //!< vector, matrix, scalar, string
    QList<PrometheusSeries> series; //!< one entry for scalar results, with no labels
    QStringList warnings;

    bool ok() const { return status == Status::Success; }
};

/*! Parses a /api/v1/query or /api/v1/query_range body. "NaN", "+Inf" and "-Inf" become doubles. */
PrometheusData parsePrometheusData(const QByteArray& body);
/*! The same, for a body already parsed (the Kubernetes client parses JSON answers itself). */
PrometheusData parsePrometheusData(const QJsonObject& root);

/*! Prometheus' text form of a sample value ("NaN", "+Inf", "-Inf", "1.5e-3"); NaN and *ok false on garbage. */
double parsePrometheusValue(const QString& text, bool* ok = nullptr);
