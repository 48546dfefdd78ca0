// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QString>

/*!
 * Something an operation needs the user to decide before it can go on: trust a host key, give a
 * password or passphrase, give the sudo password, allow a kubeconfig's exec plugin to run.
 *
 * The operation that asks owns the question and emits it; whoever answers (the CLI on its
 * terminal, the window in a dialog, a test) reads kind() and the concrete class's details, then
 * calls exactly one of accept(), answer() or reject(). A question nobody may answer any more
 * (the operation was canceled, ssh gave up waiting) emits withdrawn(): close the dialog.
 *
 * Hold questions in a QPointer: the asker deletes them when it is done.
 *
 * The concrete classes live in the layers that ask (ssh/, ops/), which the widgets may not
 * include; so each also publishes its details as Q_PROPERTYs, read by name (QObject::property):
 * - HostKey: label, host, keyType, fingerprint, bits, knownHostsFile, jumpHost
 * - Password: label, prompt
 * - SudoPassword: vm, retry
 * - ExecPlugin: command, arguments (QStringList), kubeconfigFile, context
 */
class Question : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Question)

public:
    enum class Kind {
        HostKey,      //!< HostKeyQuestion (ssh/hostkeycheck.h): accept() or reject()
        Password,     //!< PasswordQuestion (ssh/askpass.h): answer(secret) or reject()
        SudoPassword, //!< SudoPasswordQuestion (ops/onboard/fleetrun.h): answer(secret) or reject()
        ExecPlugin,   //!< an exec credential plugin a plan's kubeconfig names: accept() or reject()
    };
    Q_ENUM(Kind)

    virtual Kind kind() const = 0;
    /*! What the question is about, for the dialog's title: a VM's name, a kubeconfig file. */
    virtual QString subject() const = 0;

    /*! Yes (host key, exec plugin). The default does nothing: questions that need a secret ignore it. */
    virtual void accept() { }
    /*! The secret (password, sudo). The default does nothing: yes/no questions ignore it. */
    virtual void answer(const QByteArray& secret) { Q_UNUSED(secret) }
    /*! No, or no secret given. */
    virtual void reject() = 0;

signals:
    /*! The asker stopped waiting before an answer: close the dialog. */
    void withdrawn();

protected:
    explicit Question(QObject* parent = nullptr)
        : QObject(parent)
    {
    }
};
