// SPDX-License-Identifier: Apache-2.0
#include "istioversion.h"

#include <QRegularExpression>

std::optional<IstioVersion> IstioVersion::parse(const QString& text)
{
    static const QRegularExpression re(uR"(^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+][0-9A-Za-z.-]+)?\z)"_qs);
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    IstioVersion v;
    v.major = m.captured(1).toInt();
    v.minor = m.captured(2).toInt();
    v.patch = m.hasCaptured(3) ? m.captured(3).toInt() : 0;
    return v;
}

QString IstioVersion::toString() const
{
    return QString::number(major) + u'.' + QString::number(minor) + u'.' + QString::number(patch);
}

QString IstioVersion::networkingApiVersion() const
{
    return atLeast(1, 22) ? u"networking.istio.io/v1"_qs : u"networking.istio.io/v1alpha3"_qs;
}
