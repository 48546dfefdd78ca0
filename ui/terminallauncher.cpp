// SPDX-License-Identifier: Apache-2.0
#include "terminallauncher.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

TerminalLauncher::Command TerminalLauncher::command(const QStringList& argv, const QProcessEnvironment& environment,
                                                    const std::function<QString(const QString&)>& findProgram)
{
    const auto find = [&](const QString& name) {
        return findProgram ? findProgram(name) : QStandardPaths::findExecutable(name);
    };
    QStringList candidates;
    const QString fromEnvironment = environment.value(u"TERMINAL"_qs).trimmed();
    if (!fromEnvironment.isEmpty())
        candidates << fromEnvironment;
    candidates << u"x-terminal-emulator"_qs << u"gnome-terminal"_qs << u"konsole"_qs << u"xterm"_qs;
    for (const QString& candidate : std::as_const(candidates)) {
        const QString path = find(candidate);
        if (path.isEmpty())
            continue;
        // gnome-terminal's -e takes one string for a shell to split; its "--" takes the argv as is.
        const QString base = QFileInfo(candidate).fileName();
        const QString separator = base == u"gnome-terminal" ? u"--"_qs : u"-e"_qs;
        return {path, QStringList{separator} + argv};
    }
    return {};
}

bool TerminalLauncher::launch(const QStringList& argv, QString* error)
{
    const Command c = command(argv, QProcessEnvironment::systemEnvironment());
    if (c.program.isEmpty()) {
        if (error)
            *error = tr("No terminal found: set $TERMINAL, or install xterm.");
        return false;
    }
    if (!QProcess::startDetached(c.program, c.arguments)) {
        if (error)
            *error = tr("%1 did not start.").arg(c.program);
        return false;
    }
    return true;
}
