// SPDX-License-Identifier: Apache-2.0
#include "pluginpath.h"

#include "localprocess.h"
#include "sharedresult.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTimer>

namespace {

const QByteArray kMarker = QByteArrayLiteral("__MESHDECK_LOGIN_PATH__");

/*! Per shell: its login PATH once asked, or the callers waiting for the one run in progress. */
QHash<QString, SharedResult<QStringList>>& loginShellPaths()
{
    static QHash<QString, SharedResult<QStringList>> paths;
    return paths;
}

/*! The absolute directories between the markers; none when they are missing (a failed run). */
QStringList loginPathFromOutput(const QByteArray& output)
{
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
    return path;
}

/*! One run of the login shell; the process deletes itself when done. */
void startLoginShellLookup(const QString& shell, int timeoutMs)
{
    auto* process = new LocalProcess([](QProcess* p, const QProcessEnvironment& environment) {
        p->setProcessEnvironment(environment);
        p->setStandardInputFile(QProcess::nullDevice());
        p->setStandardErrorFile(QProcess::nullDevice());
    });
    QObject::connect(process, &LocalProcess::finished, process, [process, shell](const ProcessOutcome& outcome) {
        process->deleteLater();
        // A profile waiting for input or a slow network mount ends in the timeout; a shell that
        // did not start or was killed prints no markers: both give an empty list, remembered too.
        const QStringList path = loginPathFromOutput(outcome.standardOutput);
        loginShellPaths()[shell].resolve(path);
    });
    // Markers around the value: profiles that print banners or `echo` things are common.
    const QString script = u"printf '%s' \""_qs + QString::fromLatin1(kMarker) + u"${PATH}"_qs
                           + QString::fromLatin1(kMarker) + u"\""_qs;
    process->start(shell, {u"-l"_qs, u"-c"_qs, script}, QProcessEnvironment::systemEnvironment(), {},
                   std::chrono::milliseconds(timeoutMs));
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
            if (dir.isEmpty() || !QDir::isAbsolutePath(dir) || seen.contains(dir))
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
    QStringList absolute;
    for (const QString& dir : dirs) {
        if (QDir::isAbsolutePath(dir))
            absolute.append(dir);
    }
    // findExecutable with no directories would search this process's PATH, relative entries included.
    return absolute.isEmpty() ? QString() : QStandardPaths::findExecutable(command, absolute);
}

QString pluginInRelativePathEntry(const QString& command, const QString& pathValue)
{
    if (command.isEmpty() || command.contains(u'/'))
        return {};
    for (const QString& entry : pathValue.split(QDir::listSeparator())) {
        if (QDir::isAbsolutePath(entry))
            continue;
        const QString candidate = (entry.isEmpty() ? u"."_qs : QDir::cleanPath(entry)) + u'/' + command;
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return candidate;
    }
    return {};
}

void resolveLoginShellPath(const QString& shell, QObject* context, std::function<void(const QStringList&)> done,
                           int timeoutMs)
{
    if (shell.isEmpty()) {
        // Keep the callback asynchronous in every case, so callers see one order of events.
        QTimer::singleShot(0, context, [done = std::move(done)] { done({}); });
        return;
    }
    // A path known already is posted to context too (SharedResult::whenReady).
    if (loginShellPaths()[shell].whenReady(context, std::move(done)))
        startLoginShellLookup(shell, timeoutMs);
}