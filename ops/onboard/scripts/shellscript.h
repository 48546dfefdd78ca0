// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

/*!
 * A POSIX sh script assembled from argument vectors. Every value goes through
 * RemoteShell::quote (ssh/remoteshell.h, the one quoting function); the only unquoted text is
 * the constant shell syntax written in this code (if/then, traps, pipes), never data from a
 * plan, a cluster or a VM. The script then travels as one argument of `sh -c`, quoted once
 * more by RemoteCommand, so nothing in it is ever re-split by the login shell.
 */
class ShellScript
{
public:
    /*! Constant shell text (keywords, redirections, "$var" references). Never pass data here. */
    ShellScript& raw(const QString& constantText);
    /*! One command from an argument vector. */
    ShellScript& run(const QStringList& argv);
    /*! `name=value`, value quoted. */
    ShellScript& assign(const QString& name, const QString& value);

    /*! One argument quoted (for composing a raw line around it). */
    static QString quote(const QString& value);
    /*! An argument vector quoted as one command line. */
    static QString command(const QStringList& argv);

    QString text() const;
    bool isEmpty() const { return m_lines.isEmpty(); }

private:
    QStringList m_lines;
};
