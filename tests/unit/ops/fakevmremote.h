// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "vmremote.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QTimer>

/*!
 * A scriptable VmRemote for unit tests: answers per command pattern, a sudo that asks for a
 * password (and refuses a wrong one, or refuses the user altogether), a failing open(), every
 * answer delayed through the event loop (QTimer 0) like a real one. Records what ran.
 */
class FakeVmRemote final : public VmRemote
{
public:
    struct Rule
    {
        QRegularExpression pattern; //!< matched against argv joined by spaces
        int exitCode = 0;
        QByteArray standardOutput;
        QByteArray standardError;
        SshError::Kind error = SshError::Kind::None;
        int times = -1; //!< how many answers this rule gives; -1 = all
        bool hang = false; //!< no answer: a Timeout once the request's timeout passes; never without one
    };

    explicit FakeVmRemote(QObject* parent = nullptr)
        : VmRemote(parent)
    {
    }

    /*! The first matching rule answers; no rule: exit 0, no output. */
    void answer(const QString& pattern, int exitCode, const QByteArray& out = {}, int times = -1)
    {
        m_rules.append(Rule{QRegularExpression(pattern), exitCode, out, {}, SshError::Kind::None, times});
    }
    void fail(const QString& pattern, SshError::Kind kind, int times = -1)
    {
        m_rules.append(Rule{QRegularExpression(pattern), -1, {}, {}, kind, times});
    }
    /*!
     * A command that hangs on the VM: it never answers by itself. With a timeout in its request
     * it ends as RemoteCommand ends one (SshError::Timeout, at once here: the test does not wait
     * the minutes); without one it is never answered, and the run waits for ever.
     */
    void hang(const QString& pattern)
    {
        m_rules.append(Rule{QRegularExpression(pattern), -1, {}, {}, SshError::Kind::None, -1, true});
    }

    SshError openError;           //!< what open() answers
    QByteArray sudoPassword;      //!< empty: NOPASSWD
    bool sudoRefusesUser = false; //!< "user is not in the sudoers file"

    QStringList ran;              //!< commands that ran ("sudo " prefixed), in order
    QStringList attempts;         //!< every run() call, also those sudo stopped
    QList<QByteArray> inputs;     //!< stdin of what ran
    QList<std::chrono::milliseconds> timeouts; //!< of every run() call (attempts)
    int opens = 0;
    int cancels = 0;
    //! Called as each run() begins (the fake may be gone when a test looks: its owner deletes it).
    std::function<void(const QString& line, const RemoteRequest& request)> onCommand;

    void open(OpenDone done) override
    {
        ++opens;
        later([this, done] { done(openError); });
    }

    void run(const RemoteRequest& request, CommandDone done) override
    {
        const QString line = (request.sudo ? u"sudo "_qs : QString()) + request.argv.join(u' ');
        attempts.append(line);
        timeouts.append(request.timeout);
        if (onCommand)
            onCommand(line, request);
        CommandResult result;
        if (request.sudo && sudoRefusesUser) {
            result.error.kind = SshError::Kind::SudoFailed;
            result.error.message = u"sudo refused: the user may not run sudo"_qs;
        } else if (request.sudo && !sudoPassword.isEmpty() && request.sudoPassword != sudoPassword) {
            result.error.kind = request.sudoPassword.isEmpty() ? SshError::Kind::SudoPasswordRequired : SshError::Kind::SudoWrongPassword;
            result.error.message = request.sudoPassword.isEmpty() ? u"sudo needs a password"_qs : u"sudo refused the password"_qs;
        } else {
            ran.append(line);
            inputs.append(request.input);
            result.exitCode = 0;
            for (Rule& rule : m_rules) {
                if (rule.times == 0 || !rule.pattern.match(line).hasMatch())
                    continue;
                if (rule.times > 0)
                    --rule.times;
                if (rule.hang) {
                    if (request.timeout.count() <= 0)
                        return; // never answered
                    result.exitCode = -1;
                    result.error.kind = SshError::Kind::Timeout;
                    result.error.message = u"fake: `"_qs + request.argv.value(0) + u"` did not finish within "_qs
                        + QString::number(request.timeout.count() / 1000) + u" s and was stopped"_qs;
                    break;
                }
                result.exitCode = rule.exitCode;
                result.standardOutput = rule.standardOutput;
                result.standardError = rule.standardError;
                result.error.kind = rule.error;
                if (rule.error != SshError::Kind::None)
                    result.error.message = u"scripted failure"_qs;
                break;
            }
        }
        later([done, result] { done(result); });
    }

    void upload(const QList<UploadFile>& files, UploadDone done) override
    {
        for (const UploadFile& f : files)
            ran.append(u"upload "_qs + f.remoteName);
        UploadResult result;
        result.remoteDirectory = u"/tmp/fake"_qs;
        for (const UploadFile& f : files)
            result.remotePaths.append(u"/tmp/fake/"_qs + f.remoteName);
        later([done, result] { done(result); });
    }

    void cancel() override
    {
        ++cancels;
        ++m_generation;
    }

private:
    void later(std::function<void()> answer)
    {
        QTimer::singleShot(0, this, [this, generation = m_generation, answer = std::move(answer)] {
            if (generation == m_generation)
                answer();
        });
    }

    QList<Rule> m_rules;
    quint64 m_generation = 0;
};

/*! What the offboarding probe prints for a VM, onboarded or not, then the /etc/hosts copy. */
inline QByteArray offboardProbe(bool onboarded)
{
    QByteArray out = "osr.ID=debian\nosr.VERSION_ID=\"12\"\nmachine=x86_64\nsystemd=yes\ndpkg=/usr/bin/dpkg\nip=192.0.2.10\n";
    QByteArray hosts = "127.0.0.1 localhost\n";
    if (onboarded) {
        out += "installed=1.29.2\nunit=istio.service\nuser=istio-proxy\nexists=/etc/certs/root-cert.pem\n";
        hosts += "# BEGIN meshdeck\n192.0.2.1 istiod.istio-system.svc\n# END meshdeck\n";
    }
    return out + "\n--- meshdeck: /etc/hosts follows ---\n" + hosts;
}
