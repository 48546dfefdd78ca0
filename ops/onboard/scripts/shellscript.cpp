// SPDX-License-Identifier: Apache-2.0
#include "shellscript.h"

#include "remoteshell.h"

ShellScript& ShellScript::raw(const QString& constantText)
{
    m_lines.append(constantText);
    return *this;
}

ShellScript& ShellScript::run(const QStringList& argv)
{
    m_lines.append(command(argv));
    return *this;
}

ShellScript& ShellScript::assign(const QString& name, const QString& value)
{
    m_lines.append(name + u'=' + quote(value));
    return *this;
}

QString ShellScript::quote(const QString& value)
{
    return RemoteShell::quote(value);
}

QString ShellScript::command(const QStringList& argv)
{
    return RemoteShell::commandLine(argv);
}

QString ShellScript::text() const
{
    return m_lines.join(u'\n') + u'\n';
}
