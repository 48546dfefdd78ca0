// SPDX-License-Identifier: Apache-2.0
#include "execpluginapprovals.h"

#include "execpluginapproval.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMetaMethod>
#include <QPointer>
#include <QSettings>
#include <QTimer>

#include <memory>

namespace {

const QString group = u"execPluginApprovals"_qs;

std::unique_ptr<QSettings> openSettings(const QString& file)
{
    if (file.isEmpty()) // named explicitly: the window and the CLI share one file
        return std::make_unique<QSettings>(u"meshdeck"_qs, u"meshdeck"_qs);
    return std::make_unique<QSettings>(file, QSettings::IniFormat);
}

QString hex(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QString canonical(const QString& path)
{
    const QString resolved = QFileInfo(path).canonicalFilePath();
    return resolved.isEmpty() ? QDir::cleanPath(QFileInfo(path).absoluteFilePath()) : resolved;
}

// A QSettings key per kubeconfig file: its path hashed, as a path's '/' would nest groups.
QString fileKey(const QString& file)
{
    return group + u'/' + hex(canonical(file).toUtf8());
}

} // namespace

ExecPluginApprovals::ExecPluginApprovals(QString settingsFile, QObject* parent)
    : QObject(parent)
    , m_settingsFile(std::move(settingsFile))
{
}

ExecPluginApprovals::~ExecPluginApprovals() = default;

QString ExecPluginApprovals::commandHash(const ExecPluginConfig& plugin)
{
    QByteArray data = plugin.command.toUtf8();
    for (const QString& arg : plugin.args)
        data += '\0' + arg.toUtf8();
    return hex(data);
}

bool ExecPluginApprovals::isApproved(const ExecPluginConfig& plugin) const
{
    const auto settings = openSettings(m_settingsFile);
    return settings->value(fileKey(plugin.kubeconfigFile) + u'/' + commandHash(plugin)).toBool();
}

void ExecPluginApprovals::remember(const ExecPluginConfig& plugin)
{
    const auto settings = openSettings(m_settingsFile);
    const QString key = fileKey(plugin.kubeconfigFile);
    settings->setValue(key + u"/file"_qs, canonical(plugin.kubeconfigFile)); // readable for the user
    settings->setValue(key + u'/' + commandHash(plugin), true);
}

bool ExecPluginApprovals::isUsersOwn(const QString& file) const
{
    const QString home = m_homeDir.isEmpty() ? QDir::homePath() : m_homeDir;
    QStringList own{home + u"/.kube/config"_qs};
    const QString env = m_kubeconfigEnvSet ? m_kubeconfigEnv : qEnvironmentVariable("KUBECONFIG");
    own += env.split(QDir::listSeparator(), Qt::SkipEmptyParts);
    const QString wanted = canonical(file);
    for (const QString& path : std::as_const(own)) {
        if (canonical(path) == wanted)
            return true;
    }
    return false;
}

ExecPluginApprovalHook ExecPluginApprovals::hook()
{
    return [self = QPointer<ExecPluginApprovals>(this)](const ExecPluginConfig& plugin, QObject* context,
                                                       std::function<void(const QString&)> done) {
        if (!self) {
            done(u"was not run: nobody is left to approve it"_qs);
            return;
        }
        self->ask(plugin, context, done);
    };
}

void ExecPluginApprovals::ask(const ExecPluginConfig& plugin, QObject* context,
                              const std::function<void(const QString&)>& done)
{
    if (m_approveAll || isUsersOwn(plugin.kubeconfigFile) || isApproved(plugin)) {
        done(QString());
        return;
    }
    const QString file = QDir::toNativeSeparators(plugin.kubeconfigFile);
    if (!isSignalConnected(QMetaMethod::fromSignal(&ExecPluginApprovals::question))) {
        done(u"was not run: the plan's kubeconfig %1 names it, and meshdeck runs a plugin from a kubeconfig "
             "that is not your own only after you approved it once; approve it in the window or at a "
             "terminal, or pass --allow-exec-plugins"_qs.arg(file));
        return;
    }
    // Several connections of the same plan (the picker's, the graph's) share one question.
    const QString key = fileKey(plugin.kubeconfigFile) + u'/' + commandHash(plugin);
    ExecPluginApproval* question = m_pending.value(key);
    const bool fresh = !question;
    if (fresh) {
        question = new ExecPluginApproval(plugin.command, plugin.args, plugin.kubeconfigFile, plugin.label, this);
        m_pending.insert(key, question);
        connect(question, &ExecPluginApproval::answered, this, [this, key, question, plugin](bool accepted) {
            m_pending.remove(key);
            m_waiting.remove(key);
            question->deleteLater();
            if (accepted)
                remember(plugin);
        });
    }
    ++m_waiting[key];
    const QString refusal = u"was not run: you declined it (it comes with the plan's kubeconfig %1, not your own); "
                            "reconnect to be asked again"_qs.arg(QDir::toNativeSeparators(plugin.kubeconfigFile));
    connect(question, &ExecPluginApproval::answered, context, [context, done, refusal](bool accepted) {
        // Later, not from inside the answer: the dialog that answered and whoever else listens to
        // answered() are done with it before the connection goes on (or fails).
        QTimer::singleShot(0, context, [done, accepted, refusal] { done(accepted ? QString() : refusal); });
    });
    // A connection that waited is gone; when none is left, nobody may answer any more.
    connect(context, &QObject::destroyed, question, [this, key, question] {
        if (m_pending.value(key) != question)
            return; // answered already, only not deleted yet
        if (--m_waiting[key] > 0)
            return;
        m_pending.remove(key);
        m_waiting.remove(key);
        emit question->withdrawn();
        question->deleteLater();
    });
    if (fresh)
        emit this->question(question);
}
