// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "execplugin.h"

#include <QHash>
#include <QObject>
#include <QString>

class ExecPluginApproval;
class Question;

/*!
 * The user's yes to exec credential plugins of kubeconfigs a plan chose (security review M2),
 * asked once and remembered in QSettings, keyed by the kubeconfig's path and the SHA-256 of the
 * command and its arguments: a changed command (or a changed argument) asks again. A plugin of a
 * kubeconfig that is the user's own anyway ($KUBECONFIG's files, ~/.kube/config) runs without
 * asking, as kubectl would run it.
 *
 * hook() goes into ExecPluginOptions::approve (ClusterSessions, connectCluster). Each new
 * question is emitted by question(); with nobody connected to it (a CLI without a terminal)
 * the plugin is refused with a sentence that says how to allow it.
 */
class ExecPluginApprovals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExecPluginApprovals)
public:
    /*!
     * settingsFile: an INI file to keep the approvals in (tests); empty = the application's
     * QSettings. homeDir and kubeconfigEnv: what counts as the user's own kubeconfig; empty =
     * QDir::homePath() and $KUBECONFIG at the time of asking.
     */
    explicit ExecPluginApprovals(QString settingsFile = {}, QObject* parent = nullptr);
    ~ExecPluginApprovals() override;

    /*! For ExecPluginOptions::approve; safe to call after this object is gone (then refuses). */
    ExecPluginApprovalHook hook();

    bool isApproved(const ExecPluginConfig& plugin) const;
    void remember(const ExecPluginConfig& plugin);
    /*! Whether file is one of the user's own kubeconfig files. */
    bool isUsersOwn(const QString& file) const;
    /*! Approve every plugin without asking (the CLI's --allow-exec-plugins). */
    void setApproveAll(bool approveAll) { m_approveAll = approveAll; }

    void setHomeDir(const QString& homeDir) { m_homeDir = homeDir; }
    void setKubeconfigEnv(const QString& value) { m_kubeconfigEnv = value; m_kubeconfigEnvSet = true; }

    /*! SHA-256 (hex) of the command and its arguments, NUL-separated. */
    static QString commandHash(const ExecPluginConfig& plugin);

signals:
    /*! Answer it (accept or reject); it is withdrawn if the connection stops waiting. */
    void question(Question* question);

private:
    void ask(const ExecPluginConfig& plugin, QObject* context, const std::function<void(const QString&)>& done);

    QString m_settingsFile;
    QString m_homeDir;
    QString m_kubeconfigEnv;
    bool m_kubeconfigEnvSet = false;
    bool m_approveAll = false;
    QHash<QString, ExecPluginApproval*> m_pending; //!< open questions by file and command hash (children)
    QHash<QString, int> m_waiting;                 //!< how many providers wait for each
};
