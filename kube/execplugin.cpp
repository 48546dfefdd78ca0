// SPDX-License-Identifier: Apache-2.0
#include "execplugin.h"

#include "credentialproviders.h"
#include "execcredential.h"
#include "localprocess.h"
#include "pluginpath.h"

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>

ExecCredentialProvider::ExecCredentialProvider(ExecPluginConfig config, ExecPluginOptions options, QObject* parent)
    : CredentialProvider(parent)
    , m_config(std::move(config))
    , m_options(std::move(options))
{
    const bool withTerminal = interactive();
    m_process = new LocalProcess(
        [withTerminal](QProcess* process, const QProcessEnvironment& environment) {
            process->setProcessEnvironment(environment);
            if (withTerminal) {
                // A terminal is there (the CLI): the plugin may prompt on it, as under kubectl.
                process->setInputChannelMode(QProcess::ForwardedInputChannel);
                process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            } else {
                process->setStandardInputFile(QProcess::nullDevice());
            }
        },
        this);
    m_process->setQuiet(true); // the kubeconfig's arguments are not ours to log
    connect(m_process, &LocalProcess::finished, this, &ExecCredentialProvider::onFinished);
}

// A run in progress is killed without waiting by the LocalProcess, a child; its callers are not called.
ExecCredentialProvider::~ExecCredentialProvider() = default;

void ExecCredentialProvider::obtain(bool refresh, QObject* context, Callback done)
{
    if (m_config.interactiveMode == u"Always" && !m_options.terminalAvailable) {
        // client-go: "exec plugin cannot support interactive mode: standard input is not a terminal".
        deliverCredentials(context, done,
                           credentialsError(failure(u"needs a terminal (interactiveMode: Always), and meshdeck has none to give "
                                        "it here; log in once from a terminal, or set interactiveMode: IfAvailable "
                                        "if the plugin can work without one"_qs)));
        return;
    }
    if (!refresh && !m_run.isPending() && cacheValid()) {
        deliverCredentials(context, done, CredentialsResult{m_cached, QString()});
        return;
    }
    // The shared result skips a caller whose context is gone; context is alive when it calls.
    auto deliver = [context, done = std::move(done)](const CredentialsResult& result) {
        deliverCredentials(context, done, result);
    };
    if (!m_run.whenReady(context, std::move(deliver)))
        return; // share the run in progress, whether it was started for a refresh or not
    if (refresh)
        m_haveCached = false;
    start();
}

QStringList ExecCredentialProvider::searchPath() const
{
    return mergePaths({processPath(), m_loginShellPath, wellKnownPluginDirs(m_options.homeDir)});
}

bool ExecCredentialProvider::interactive() const
{
    return m_options.terminalAvailable && m_config.interactiveMode != u"Never";
}

bool ExecCredentialProvider::cacheValid() const
{
    if (!m_haveCached)
        return false;
    if (!m_cached.expiry.isValid())
        return true; // no expirationTimestamp: valid until the server says 401
    return QDateTime::currentDateTimeUtc().addSecs(m_options.expirySkewSeconds) < m_cached.expiry;
}

void ExecCredentialProvider::start()
{
    if (m_options.approve && !m_approved) {
        // Only one run is ever pending (obtain() shares it), so only one question is asked.
        m_options.approve(m_config, this, [this](const QString& refusal) { onApproval(refusal); });
        return;
    }
    const QString program = findPlugin(m_config.command, searchPath());
    if (!program.isEmpty()) {
        launch(program);
        return;
    }
    const QString shell = m_options.loginShell.isEmpty() ? qEnvironmentVariable("SHELL") : m_options.loginShell;
    if (m_config.command.contains(u'/') || !m_options.useLoginShellPath || shell.isEmpty() || m_loginShellAsked) {
        finish(credentialsError(notFound()));
        return;
    }
    resolveLoginShellPath(shell, this, [this](const QStringList& path) { startWithLoginShellPath(path); });
}

void ExecCredentialProvider::onApproval(const QString& refusal)
{
    if (!refusal.isEmpty()) {
        // Not remembered: the next obtain() (a reconnect) asks again.
        finish(credentialsError(failure(refusal)));
        return;
    }
    m_approved = true;
    start();
}

void ExecCredentialProvider::startWithLoginShellPath(const QStringList& loginPath)
{
    m_loginShellAsked = true;
    m_loginShellPath = loginPath;
    const QString program = findPlugin(m_config.command, searchPath());
    if (program.isEmpty())
        finish(credentialsError(notFound()));
    else
        launch(program);
}

void ExecCredentialProvider::launch(const QString& program)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"PATH"_qs, searchPath().join(QDir::listSeparator()));
    for (const auto& [name, value] : std::as_const(m_config.env))
        environment.insert(name, value); // after PATH: the kubeconfig may set PATH itself
    environment.insert(u"KUBERNETES_EXEC_INFO"_qs, QString::fromUtf8(execInfoJson(m_config, interactive())));
    m_process->start(program, m_config.args, environment, {}, std::chrono::milliseconds(m_options.timeoutMs));
}

void ExecCredentialProvider::onFinished(const ProcessOutcome& outcome)
{
    if (!outcome.started) {
        finish(credentialsError(failure(u"could not be started: "_qs + outcome.startErrorReason)));
        return;
    }
    if (outcome.timedOut) {
        finish(credentialsError(
            failure(u"did not finish within %1 s and was stopped"_qs.arg(m_options.timeoutMs / 1000.0))));
        return;
    }
    const QString excerpt = stderrExcerpt(outcome.standardError);
    // With a terminal, stderr went to it (prompts must be visible) and is not captured.
    const QString said = interactive() ? u" (its messages are above)"_qs
                                       : excerpt.isEmpty() ? QString() : QString(u": "_qs + excerpt);
    if (outcome.crashed) {
        finish(credentialsError(failure(u"was killed by a signal"_qs + said)));
        return;
    }
    if (outcome.exitCode != 0) {
        finish(credentialsError(failure(u"exited with code %1"_qs.arg(outcome.exitCode) + said)));
        return;
    }
    const ParsedExecCredential parsed = parseExecCredential(outcome.standardOutput, m_config.apiVersion);
    if (!parsed.error.isEmpty()) {
        finish(credentialsError(failure(parsed.error)));
        return;
    }
    m_cached = parsed.credentials;
    m_haveCached = true;
    finish(CredentialsResult{m_cached, QString()});
}

void ExecCredentialProvider::finish(const CredentialsResult& result)
{
    m_run.deliver(result);
}

QString ExecCredentialProvider::failure(const QString& what) const
{
    QString text = m_config.label + u": exec plugin \""_qs + m_config.command + u"\" "_qs + what;
    if (!m_config.installHint.isEmpty())
        text += u"; install hint: "_qs + m_config.installHint.simplified();
    return text;
}

QString ExecCredentialProvider::notFound() const
{
    if (m_config.command.contains(u'/'))
        return failure(u"does not exist or is not executable"_qs);
    QString what = u"was not found; searched PATH: "_qs + searchPath().join(QDir::listSeparator());
    const QString relative = pluginInRelativePathEntry(m_config.command, qEnvironmentVariable("PATH"));
    if (!relative.isEmpty()) {
        what += u"; \""_qs + relative + u"\" is there, but only through a relative PATH entry, which is not searched "
                "(it names whatever directory meshdeck was started in, and kubectl refuses it too): put the plugin's "
                "directory in PATH as an absolute path, or give the kubeconfig's command as one"_qs;
    }
    return failure(what);
}
