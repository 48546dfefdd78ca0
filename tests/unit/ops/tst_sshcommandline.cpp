// SPDX-License-Identifier: Apache-2.0
// The ssh command the VMs page opens and copies: only what the plan sets, jump host through
// another plan VM, port, user@host, identity file; quoted for a shell when copied.

#include "sshcommandline.h"
#include "vmrun.h"

#include <QTest>

class TestSshCommandLine final : public QObject
{
    Q_OBJECT
private slots:
    void bareHost();
    void userPortJump();
    void jumpThroughPlanVm();
    void quotedForClipboard();
};

void TestSshCommandLine::bareHost()
{
    SshEndpoint e;
    e.host = u"vm-1"_qs;
    QCOMPARE(sshCommandArguments(e), (QStringList{u"ssh"_qs, u"vm-1"_qs}));
}

void TestSshCommandLine::userPortJump()
{
    SshEndpoint e;
    e.host = u"10.0.0.5"_qs;
    e.user = u"admin"_qs;
    e.port = 2222;
    e.jumpHost = u"ops@bastion:22"_qs;
    QCOMPARE(sshCommandArguments(e), (QStringList{u"ssh"_qs, u"-J"_qs, u"ops@bastion:22"_qs, u"-p"_qs, u"2222"_qs,
                                                  u"admin@10.0.0.5"_qs}));
}

void TestSshCommandLine::jumpThroughPlanVm()
{
    Plan plan;
    Vm bastion;
    bastion.name = u"bastion"_qs;
    bastion.address = u"203.0.113.9"_qs;
    bastion.ssh.user = u"ops"_qs;
    bastion.ssh.port = 2200;
    Vm vm;
    vm.name = u"vm-1"_qs;
    vm.address = u"10.0.0.5"_qs;
    vm.ssh.user = u"debian"_qs;
    vm.ssh.jumpHost = u"bastion"_qs;
    plan.vms = {bastion, vm};
    QCOMPARE(sshCommandArguments(vmEndpoint(plan, vm)),
             (QStringList{u"ssh"_qs, u"-J"_qs, u"ops@203.0.113.9:2200"_qs, u"debian@10.0.0.5"_qs}));
}

void TestSshCommandLine::quotedForClipboard()
{
    SshEndpoint e;
    e.host = u"vm-1"_qs;
    e.identityFile = u"/home/me/my keys/id"_qs;
    QCOMPARE(sshCommandText(e), u"ssh -i '/home/me/my keys/id' -o IdentitiesOnly=yes vm-1");
}

QTEST_GUILESS_MAIN(TestSshCommandLine)
#include "tst_sshcommandline.moc"
