// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

/*!
 * How "Open SSH session" runs the user's terminal with an ssh command: $TERMINAL, else Debian's
 * x-terminal-emulator alternative, else gnome-terminal, konsole or xterm, whichever is on PATH.
 * The command goes as an argument list (never through a shell), so a host or user name is never
 * parsed by one.
 */
class TerminalLauncher final
{
    Q_DECLARE_TR_FUNCTIONS(TerminalLauncher)
public:
    struct Command
    {
        QString program; //!< empty: no terminal found
        QStringList arguments;
    };

    /*! findProgram: a program name to its path ("" = not found); default QStandardPaths::findExecutable. */
    static Command command(const QStringList& argv, const QProcessEnvironment& environment,
                           const std::function<QString(const QString&)>& findProgram = {});
    /*! QProcess::startDetached of command(); false when no terminal was found or it did not start. */
    static bool launch(const QStringList& argv, QString* error);
};
