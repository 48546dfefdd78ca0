// SPDX-License-Identifier: Apache-2.0
#include "vmrowcheck.h"

#include "plan.h"
#include "validation.h"

#include <QCoreApplication>
#include <QLocale>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("VmRowCheck", text);
}
} // namespace

QStringList VmRowCheck::problems(const Plan& plan, int row)
{
    QStringList out;
    if (row < 0 || row >= plan.vms.size())
        return out;
    const Vm& vm = plan.vms[row];
    if (const QString p = Validation::dns1123LabelProblem(vm.name); !p.isEmpty())
        out.append(tr("Name: %1").arg(p));
    for (int i = 0; i < plan.vms.size(); ++i) {
        if (i != row && plan.vms[i].name == vm.name) {
            out.append(tr("Name: another VM is called %1.").arg(vm.name));
            break;
        }
    }
    if (vm.group.isEmpty())
        out.append(tr("Group: choose the VM's group."));
    else if (!plan.group(vm.group))
        out.append(tr("Group: there is no group %1 (the previous page defines the groups).").arg(vm.group));
    if (vm.address.trimmed().isEmpty())
        out.append(tr("Address: give the IP or host name ssh reaches the VM at."));
    else if (const QString p = Validation::sshHostProblem(vm.address); !p.isEmpty())
        out.append(tr("Address: %1").arg(p));
    if (!vm.ip.isEmpty() && !Validation::isIpAddress(vm.ip))
        out.append(tr("Workload IP: %1 is not an IP address.").arg(vm.ip));
    if (!vm.ssh.user.isEmpty()) {
        if (const QString p = Validation::sshUserProblem(vm.ssh.user); !p.isEmpty())
            out.append(tr("SSH user: %1").arg(p));
    }
    if (vm.ssh.port < 0 || vm.ssh.port > 65535)
        out.append(tr("SSH port: 1–65535, or empty for ssh's own choice."));
    if (!vm.ssh.jumpHost.isEmpty() && !plan.vm(vm.ssh.jumpHost)) {
        if (const QString p = Validation::jumpHostProblem(vm.ssh.jumpHost); !p.isEmpty())
            out.append(tr("Jump host: %1").arg(p));
    }
    return out;
}

QStringList VmRowCheck::allProblems(const Plan& plan)
{
    QStringList out;
    if (plan.vms.isEmpty())
        out.append(tr("Add at least one VM, or import them from ~/.ssh/config."));
    for (int row = 0; row < plan.vms.size(); ++row) {
        const QString name = plan.vms[row].name.isEmpty() ? tr("row %1").arg(row + 1) : plan.vms[row].name;
        const QStringList rowProblems = problems(plan, row);
        for (const QString& p : rowProblems)
            out.append(name + u": "_qs + p);
    }
    return out;
}

QString VmRowCheck::uniqueName(const Plan& plan, const QString& base)
{
    QString name = base;
    for (int n = 2; plan.vm(name); ++n)
        name = base + u'-' + QString::number(n);
    return name;
}

QString VmRowCheck::diskText(qint64 bytes)
{
    if (bytes < 0)
        return tr("unknown");
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString VmRowCheck::skewText(double seconds)
{
    const QString value = tr("%1 s").arg(QLocale().toString(seconds, 'f', 1));
    if (std::abs(seconds) > 5)
        return tr("%1 — too far off: workload certificates may be refused; enable NTP on the VM").arg(value);
    return value;
}
