// SPDX-License-Identifier: Apache-2.0
#include "pluginpath.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTimer>

namespace {

const QByteArray kMarker = QByteArrayLiteral("__MESHDECK_LOGIN_PATH__");

/*! One run of the login shell; deletes itself when done. */
class LoginShellLookup final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginShellLookup)
public:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void(const QStringList&)> done;
    };

    LoginShellLookup(QString shell, int timeoutMs);

    void add(QObject* context, std::function<void(const QStringList&)> done)
    {
        m_waiters.append({context, std::move(done)});
    }

private:
    void complete(const QStringList& path);
    void onFinished();

    QString m_shell;
    QProcess m_process;
    QTimer m_timer;
    QList<Waiter> m_waiters;
    bool m_completed = false;
};

QHash<QString, QStringList>& cachedPaths()
{
    static QHash<QString, QStringList> cache;
    return cache;
}

QHash<QString, QPointer<LoginShellLookup>>& runningLookups()
{
    static QHash<QString, QPointer<LoginShellLookup>> running;
    return running;
}

LoginShellLookup::LoginShellLookup(QString shell, int timeoutMs)
    : m_shell(std::move(shell))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // A profile waiting for input or a slow network mount: give up; finished follows the kill.
        m_process.kill();
        complete({});
    });
    connect(&m_process, &QProcess::finished, this, &LoginShellLookup::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        complete({});
        deleteLater();
    });
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setStandardErrorFile(QProcess::nullDevice());
    // Markers around the value: profiles that print banners or `echo` things are common.
    const QString script = u"printf '%s' \""_qs + QString::fromLatin1(kMarker) + u"${PATH}"_qs
                           + QString::fromLatin1(kMarker) + u"\""_qs;
    m_process.start(m_shell, {u"-l"_qs, u"-c"_qs, script});
    m_timer.start(timeoutMs);
}

void LoginShellLookup::onFinished()
{
    const QByteArray output = m_process.readAllStandardOutput();
    const qsizetype begin = output.indexOf(kMarker);
    const qsizetype end = begin < 0 ? -1 : output.indexOf(kMarker, begin + kMarker.size());
    QStringList path;
    if (end > begin) {
        const QString value = QString::fromLocal8Bit(output.mid(begin + kMarker.size(), end - begin - kMarker.size()));
        for (const QString& dir : value.split(QDir::listSeparator(), Qt::SkipEmptyParts)) {
            if (QDir::isAbsolutePath(dir))
                path.append(dir);
        }
    }
    complete(path);
    deleteLater(); // the process has ended: nothing left to reap
}

void LoginShellLookup::complete(const QStringList& path)
{
    if (m_completed)
        return;
    m_completed = true;
    m_timer.stop();
    cachedPaths().insert(m_shell, path);
    runningLookups().remove(m_shell);
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter& waiter : waiters) {
        if (waiter.context)
            waiter.done(path);
    }
}

} // namespace

QStringList wellKnownPluginDirs(const QString& homeDir)
{
    const QString home = homeDir.isEmpty() ? QDir::homePath() : homeDir;
    return {
        home + u"/.local/bin"_qs,
        home + u"/bin"_qs,
        u"/usr/local/bin"_qs,
        home + u"/google-cloud-sdk/bin"_qs, // gcloud's install.sh default
        u"/usr/lib/google-cloud-sdk/bin"_qs, // the google-cloud-cli .deb
        u"/snap/bin"_qs,
        home + u"/.krew/bin"_qs,            // kubectl oidc-login (kubelogin) through krew
        home + u"/go/bin"_qs,               // `go install` of kubelogin and friends
        home + u"/.nix-profile/bin"_qs,
        u"/nix/var/nix/profiles/default/bin"_qs,
        u"/home/linuxbrew/.linuxbrew/bin"_qs,
        u"/opt/homebrew/bin"_qs,
        u"/usr/bin"_qs,
        u"/bin"_qs,
    };
}

QStringList processPath()
{
    return qEnvironmentVariable("PATH").split(QDir::listSeparator(), Qt::SkipEmptyParts);
}

QStringList mergePaths(const QList<QStringList>& lists)
{
    QStringList merged;
    QSet<QString> seen;
    for (const QStringList& list : lists) {
        for (const QString& dir : list) {
            if (dir.isEmpty() || seen.contains(dir))
                continue;
            seen.insert(dir);
            merged.append(dir);
        }
    }
    return merged;
}

QString findPlugin(const QString& command, const QStringList& dirs)
{
    if (command.contains(u'/')) {
        const QFileInfo info(command);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(command, dirs);
}

void resolveLoginShellPath(const QString& shell, QObject* context, std::function<void(const QStringList&)> done,
                           int timeoutMs)
{
    const auto cached = cachedPaths().constFind(shell);
    if (cached != cachedPaths().constEnd() || shell.isEmpty()) {
        const QStringList path = shell.isEmpty() ? QStringList() : *cached;
        // Keep the callback asynchronous in every case, so callers see one order of events.
        QTimer::singleShot(0, context, [done = std::move(done), path] { done(path); });
        return;
    }
    QPointer<LoginShellLookup>& lookup = runningLookups()[shell];
    if (!lookup)
        lookup = new LoginShellLookup(shell, timeoutMs);
    lookup->add(context, std::move(done));
}

#include "pluginpath.moc"
