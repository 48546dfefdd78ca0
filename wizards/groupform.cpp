// SPDX-License-Identifier: Apache-2.0
#include "groupform.h"

#include "validation.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("GroupForm", text);
}

bool blank(const QStringList& row)
{
    for (const QString& cell : row) {
        if (!cell.trimmed().isEmpty())
            return false;
    }
    return true;
}

QString cell(const QStringList& row, int column)
{
    return column < row.size() ? row.at(column).trimmed() : QString();
}

int portOf(const QString& text, const QString& what, int row, QStringList* problems, bool optional = false)
{
    if (optional && text.isEmpty())
        return 0;
    bool ok = false;
    const int port = text.toInt(&ok);
    if (!ok || !Validation::portProblem(port).isEmpty()) {
        if (problems)
            problems->append(tr("%1, row %2: \"%3\" is no port (1–65535).").arg(what).arg(row + 1).arg(text));
        return 0;
    }
    return port;
}

} // namespace

GroupForm::Rows GroupForm::labelRows(const StringMap& labels)
{
    Rows rows;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        rows.append({it.key(), it.value()});
    return rows;
}

StringMap GroupForm::labels(const Rows& rows, QStringList* problems)
{
    StringMap out;
    for (int i = 0; i < rows.size(); ++i) {
        if (blank(rows[i]))
            continue;
        const QString key = cell(rows[i], 0);
        const QString value = cell(rows[i], 1);
        if (const QString p = Validation::labelKeyProblem(key); !p.isEmpty() && problems)
            problems->append(tr("Labels, row %1: %2").arg(i + 1).arg(p));
        if (const QString p = Validation::labelValueProblem(value); !p.isEmpty() && problems)
            problems->append(tr("Labels, row %1: %2").arg(i + 1).arg(p));
        if (out.contains(key) && problems)
            problems->append(tr("Labels, row %1: the key %2 is already used.").arg(i + 1).arg(key));
        out.insert(key, value);
    }
    return out;
}

GroupForm::Rows GroupForm::portRows(const QList<NamedPort>& ports)
{
    Rows rows;
    for (const NamedPort& p : ports)
        rows.append({p.name, QString::number(p.port)});
    return rows;
}

QList<NamedPort> GroupForm::ports(const Rows& rows, QStringList* problems)
{
    QList<NamedPort> out;
    QSet<QString> names;
    for (int i = 0; i < rows.size(); ++i) {
        if (blank(rows[i]))
            continue;
        NamedPort port{cell(rows[i], 0), portOf(cell(rows[i], 1), tr("Workload ports"), i, problems)};
        if (const QString p = Validation::dns1123LabelProblem(port.name); !p.isEmpty() && problems)
            problems->append(tr("Workload ports, row %1: %2").arg(i + 1).arg(p));
        else if (names.contains(port.name) && problems)
            problems->append(tr("Workload ports, row %1: the name %2 is already used.").arg(i + 1).arg(port.name));
        names.insert(port.name);
        out.append(port);
    }
    return out;
}

GroupForm::Rows GroupForm::servicePortRows(const QList<ServicePort>& ports)
{
    Rows rows;
    for (const ServicePort& p : ports)
        rows.append({p.name, QString::number(p.port), p.targetPort ? QString::number(p.targetPort) : QString(), p.protocol});
    return rows;
}

QList<ServicePort> GroupForm::servicePorts(const Rows& rows, QStringList* problems)
{
    QList<ServicePort> out;
    QSet<QString> names;
    QSet<int> numbers;
    const QString what = tr("Service ports");
    for (int i = 0; i < rows.size(); ++i) {
        if (blank(rows[i]))
            continue;
        ServicePort port;
        port.name = cell(rows[i], 0);
        port.port = portOf(cell(rows[i], 1), what, i, problems);
        port.targetPort = portOf(cell(rows[i], 2), what, i, problems, true);
        const QString protocol = cell(rows[i], 3).toUpper();
        port.protocol = protocol.isEmpty() ? u"TCP"_qs : protocol;
        if (problems) {
            if (port.protocol != u"TCP" && port.protocol != u"UDP" && port.protocol != u"SCTP")
                problems->append(tr("Service ports, row %1: the protocol is TCP, UDP or SCTP.").arg(i + 1));
            if (!port.name.isEmpty()) {
                if (const QString p = Validation::dns1123LabelProblem(port.name); !p.isEmpty())
                    problems->append(tr("Service ports, row %1: %2").arg(i + 1).arg(p));
                else if (names.contains(port.name))
                    problems->append(tr("Service ports, row %1: the name %2 is already used.").arg(i + 1).arg(port.name));
            }
            if (port.port && numbers.contains(port.port))
                problems->append(tr("Service ports, row %1: the port %2 is already used.").arg(i + 1).arg(port.port));
        }
        names.insert(port.name);
        numbers.insert(port.port);
        out.append(port);
    }
    if (problems && out.size() > 1) {
        for (int i = 0; i < out.size(); ++i) {
            if (out[i].name.isEmpty()) {
                problems->append(tr("Service ports: every port needs a name when there are several."));
                break;
            }
        }
    }
    return out;
}

QString GroupForm::commandText(const QStringList& command)
{
    return command.join(u'\n');
}

QStringList GroupForm::command(const QString& text)
{
    QStringList out;
    const QStringList lines = text.split(u'\n');
    for (const QString& line : lines) {
        if (!line.trimmed().isEmpty())
            out.append(line.trimmed());
    }
    return out;
}

QString GroupForm::durationText(int seconds)
{
    if (seconds <= 0)
        return QString::number(seconds);
    QString out;
    int rest = seconds;
    if (rest % 60 != 0)
        return QString::number(seconds);
    if (rest >= 3600) {
        out += QString::number(rest / 3600) + u'h';
        rest %= 3600;
    }
    if (rest > 0)
        out += QString::number(rest / 60) + u'm';
    return out;
}

std::optional<int> GroupForm::parseDuration(const QString& text)
{
    const QString t = text.trimmed();
    bool ok = false;
    const int plain = t.toInt(&ok);
    if (ok)
        return plain;
    static const QRegularExpression go(u"^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?\\z"_qs);
    const QRegularExpressionMatch m = go.match(t);
    if (t.isEmpty() || !m.hasMatch())
        return std::nullopt;
    const qint64 total = m.captured(1).toLongLong() * 3600 + m.captured(2).toLongLong() * 60 + m.captured(3).toLongLong();
    if (total > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(total);
}

QStringList GroupForm::problems(const Plan& plan, int index)
{
    QStringList out;
    if (index < 0 || index >= plan.vmGroups.size())
        return out;
    const VmGroup& g = plan.vmGroups[index];
    if (const QString p = Validation::dns1123SubdomainProblem(g.name); !p.isEmpty())
        out.append(tr("Name: %1").arg(p));
    for (int i = 0; i < plan.vmGroups.size(); ++i) {
        if (i != index && plan.vmGroups[i].name == g.name) {
            out.append(tr("Name: another group is called %1.").arg(g.name));
            break;
        }
    }
    if (const QString p = Validation::dns1123LabelProblem(g.namespaceName); !p.isEmpty())
        out.append(tr("Namespace: %1").arg(p));
    if (const QString p = Validation::dns1123SubdomainProblem(g.serviceAccount); !p.isEmpty())
        out.append(tr("Service account: %1").arg(p));
    if (g.labels.isEmpty())
        out.append(tr("Labels: give at least one (the Service selects the VMs by them, e.g. app=%1).").arg(g.name));
    if (g.tokenDurationSeconds < 600 || g.tokenDurationSeconds > 31536000)
        out.append(tr("Token duration: from 10 minutes (600 s) to one year (31536000 s)."));
    if (g.service.enabled && !g.service.name.isEmpty()) {
        if (const QString p = Validation::dns1035LabelProblem(g.service.name); !p.isEmpty())
            out.append(tr("Service name: %1").arg(p));
    }
    if (g.probe) {
        const Probe& p = *g.probe;
        const bool needsPort = p.kind == Probe::Kind::HttpGet || p.kind == Probe::Kind::TcpSocket || p.kind == Probe::Kind::Grpc;
        if (needsPort && !Validation::portProblem(p.port).isEmpty())
            out.append(tr("Probe: give the port to check (1–65535)."));
        if (p.kind == Probe::Kind::HttpGet && !p.path.startsWith(u'/'))
            out.append(tr("Probe: the HTTP path starts with /."));
        if (p.kind == Probe::Kind::Exec && p.command.isEmpty())
            out.append(tr("Probe: give the command to run, one argument per line."));
        if (p.periodSeconds < 1 || p.timeoutSeconds < 1 || p.successThreshold < 1 || p.failureThreshold < 1
            || p.initialDelaySeconds < 0)
            out.append(tr("Probe: period, timeout and thresholds are at least 1, the initial delay at least 0."));
    }
    return out;
}

QString GroupForm::newGroupName(const Plan& plan)
{
    QString name = u"vm-group"_qs;
    for (int n = 2; plan.group(name); ++n)
        name = u"vm-group-"_qs + QString::number(n);
    return name;
}
