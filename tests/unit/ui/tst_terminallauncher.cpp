// SPDX-License-Identifier: Apache-2.0
// Which terminal "Open SSH session" runs and how: $TERMINAL first, then x-terminal-emulator,
// gnome-terminal (with "--", its -e wants one string), konsole, xterm; the ssh arguments stay a list.

#include "terminallauncher.h"

#include <QTest>

class TestTerminalLauncher final : public QObject
{
    Q_OBJECT
private slots:
    void terminalVariableFirst();
    void debianAlternativeNext();
    void gnomeTerminalTakesDoubleDash();
    void noneFound();
};

namespace {

const QStringList ssh{u"ssh"_qs, u"-p"_qs, u"2222"_qs, u"me@vm 1"_qs};

std::function<QString(const QString&)> only(const QStringList& installed)
{
    return [installed](const QString& name) { return installed.contains(name) ? u"/usr/bin/"_qs + name : QString(); };
}

} // namespace

void TestTerminalLauncher::terminalVariableFirst()
{
    QProcessEnvironment env;
    env.insert(u"TERMINAL"_qs, u"alacritty"_qs);
    const auto c = TerminalLauncher::command(ssh, env, only({u"alacritty"_qs, u"xterm"_qs}));
    QCOMPARE(c.program, u"/usr/bin/alacritty");
    QCOMPARE(c.arguments, QStringList{u"-e"_qs} + ssh);
}

void TestTerminalLauncher::debianAlternativeNext()
{
    const auto c = TerminalLauncher::command(ssh, {}, only({u"x-terminal-emulator"_qs, u"xterm"_qs}));
    QCOMPARE(c.program, u"/usr/bin/x-terminal-emulator");
    QCOMPARE(c.arguments, QStringList{u"-e"_qs} + ssh);
}

void TestTerminalLauncher::gnomeTerminalTakesDoubleDash()
{
    const auto c = TerminalLauncher::command(ssh, {}, only({u"gnome-terminal"_qs, u"xterm"_qs}));
    QCOMPARE(c.program, u"/usr/bin/gnome-terminal");
    QCOMPARE(c.arguments, QStringList{u"--"_qs} + ssh);
}

void TestTerminalLauncher::noneFound()
{
    QVERIFY(TerminalLauncher::command(ssh, {}, only({})).program.isEmpty());
}

QTEST_GUILESS_MAIN(TestTerminalLauncher)
#include "tst_terminallauncher.moc"
