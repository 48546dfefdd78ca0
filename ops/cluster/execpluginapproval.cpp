// SPDX-License-Identifier: Apache-2.0
#include "execpluginapproval.h"

ExecPluginApproval::ExecPluginApproval(QString command, QStringList arguments, QString kubeconfigFile,
                                       QString context, QObject* parent)
    : Question(parent)
    , m_command(std::move(command))
    , m_arguments(std::move(arguments))
    , m_kubeconfigFile(std::move(kubeconfigFile))
    , m_context(std::move(context))
{
}

void ExecPluginApproval::accept()
{
    if (std::exchange(m_answered, true))
        return;
    emit answered(true);
}

void ExecPluginApproval::reject()
{
    if (std::exchange(m_answered, true))
        return;
    emit answered(false);
}
