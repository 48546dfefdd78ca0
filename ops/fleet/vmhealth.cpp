// SPDX-License-Identifier: Apache-2.0
#include "vmhealth.h"

#include <QLocale>
#include <QRegularExpression>
#include <QString>

QString vmHealthScript()
{
    // Everything here tolerates a missing tool (curl, openssl, base64): the line is left out
    // and the page shows "unknown" instead of the whole probe failing.
    return uR"sh(unit=$(systemctl is-active istio 2>/dev/null); echo "unit=${unit:-unknown}"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 http://localhost:15021/healthz/ready 2>/dev/null)
echo "ready=${code:-000}"
t=/var/run/secrets/tokens/istio-token
if [ ! -e "$t" ]; then echo token=missing
elif [ ! -r "$t" ]; then echo token=unreadable
else
  echo token=present
  p=$(cut -d. -f2 < "$t" | tr '_-' '/+')
  while [ $(( ${#p} % 4 )) -ne 0 ]; do p="$p="; done
  exp=$(printf '%s' "$p" | base64 -d 2>/dev/null | tr -d '\n' | sed -n 's/.*"exp":[ ]*\([0-9][0-9]*\).*/\1/p')
  p=
  [ -n "$exp" ] && echo "token_exp=$exp"
fi
for c in /etc/certs/cert-chain.pem /var/run/secrets/istio/cert-chain.pem /etc/certs/cert.pem; do
  if [ -r "$c" ]; then echo "cert=$c"; echo "cert_end=$(openssl x509 -enddate -noout -in "$c" 2>/dev/null)"; break; fi
done
curl -s --max-time 3 http://localhost:15000/certs 2>/dev/null | grep -o '"expiration_time": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/agent_cert_exp=\1/'
exit 0
)sh"_qs;
}

namespace {

QDateTime parseOpensslDate(QString text)
{
    // "notAfter=Dec  8 13:00:00 2026 GMT": English month names whatever the locale.
    text = text.section(u'=', 1).simplified();
    QDateTime when = QLocale::c().toDateTime(text, u"MMM d HH:mm:ss yyyy 'GMT'"_qs);
    when.setTimeSpec(Qt::UTC);
    return when;
}

} // namespace

VmHealth parseVmHealth(const QByteArray& output)
{
    VmHealth health;
    QDateTime soonestAgentCert;
    const QList<QByteArray> lines = output.split('\n');
    for (const QByteArray& raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0)
            continue;
        const QString key = line.left(eq);
        const QString value = line.mid(eq + 1);
        if (key == u"unit") {
            health.unitState = value;
        } else if (key == u"ready") {
            bool ok = false;
            const int code = value.toInt(&ok);
            if (ok && code != 0)
                health.ready = code == 200;
        } else if (key == u"token") {
            health.token = value == u"missing"      ? VmHealth::Token::Missing
                : value == u"unreadable"             ? VmHealth::Token::Unreadable
                : value == u"present"                ? VmHealth::Token::Present
                                                     : VmHealth::Token::Unknown;
        } else if (key == u"token_exp") {
            bool ok = false;
            const qint64 seconds = value.toLongLong(&ok);
            if (ok)
                health.tokenExpiry = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
        } else if (key == u"cert") {
            health.certificateSource = value;
        } else if (key == u"cert_end") {
            const QDateTime when = parseOpensslDate(value);
            if (when.isValid())
                health.certificateExpiry = when;
        } else if (key == u"agent_cert_exp") {
            const QDateTime when = QDateTime::fromString(value, Qt::ISODateWithMs);
            if (when.isValid() && (!soonestAgentCert.isValid() || when < soonestAgentCert))
                soonestAgentCert = when;
        }
    }
    // The agent's list holds the root too (years away): the soonest is the workload's own.
    if (!health.certificateExpiry.isValid() && soonestAgentCert.isValid()) {
        health.certificateExpiry = soonestAgentCert;
        health.certificateSource = u"agent"_qs;
    }
    return health;
}
