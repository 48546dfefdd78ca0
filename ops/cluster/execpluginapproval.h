// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "question.h"

#include <QString>
#include <QStringList>

/*!
 * "May this exec credential plugin run?": asked for a plugin that a kubeconfig chosen by the plan
 * (not the user's own) names, before it first runs (security review M2). Shows the command, its
 * arguments and the kubeconfig file; accept() or reject() once. Owned by ExecPluginApprovals,
 * which withdraws it when the connection that waits for it goes away.
 */
class ExecPluginApproval final : public Question
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExecPluginApproval)
    Q_PROPERTY(QString command READ command CONSTANT)
    Q_PROPERTY(QStringList arguments READ arguments CONSTANT)
    Q_PROPERTY(QString kubeconfigFile READ kubeconfigFile CONSTANT)
    Q_PROPERTY(QString context READ context CONSTANT)
public:
    ExecPluginApproval(QString command, QStringList arguments, QString kubeconfigFile, QString context,
                       QObject* parent);

    QString command() const { return m_command; }          //!< as the kubeconfig writes it (resolved when it has a '/')
    QStringList arguments() const { return m_arguments; }
    QString kubeconfigFile() const { return m_kubeconfigFile; }
    QString context() const { return m_context; }          //!< the kubeconfig entry, for messages

    Kind kind() const override { return Kind::ExecPlugin; }
    QString subject() const override { return m_kubeconfigFile; }
    void accept() override;
    void reject() override;

signals:
    /*! Once: the user's answer. */
    void answered(bool accepted);

private:
    QString m_command;
    QStringList m_arguments;
    QString m_kubeconfigFile;
    QString m_context;
    bool m_answered = false;
};
