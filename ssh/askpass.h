// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "question.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QString>

class QLocalServer;
class QLocalSocket;

/*!
 * ssh asking for a password or key passphrase, through meshdeck's askpass mode. The GUI shows a
 * dialog, the CLI asks on its terminal; either calls answer() or reject() exactly once.
 * The object belongs to the AskpassServer and is deleted after the answer or when ssh goes
 * away (withdrawn()), so hold it in a QPointer.
 */
class PasswordQuestion final : public Question
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordQuestion)
    // Read by name by the window's dialog, which may not include ssh/ (core/question.h).
    Q_PROPERTY(QString label READ label CONSTANT)
    Q_PROPERTY(QString prompt READ prompt CONSTANT)
public:
    int ticket() const { return m_ticket; }
    QString label() const { return m_label; }   //!< which connection asks (the VM's name)
    QString prompt() const { return m_prompt; } //!< ssh's own text, e.g. "Enter passphrase for key ..."

    Kind kind() const override { return Kind::Password; }
    QString subject() const override { return m_label; }
    /*! Sends the secret to the waiting askpass process; meshdeck's copies are wiped after sending. */
    void answer(const QByteArray& secret) override;
    void reject() override;

private:
    friend class AskpassServer;
    PasswordQuestion(QLocalSocket* socket, int ticket, QString label, QString prompt, QObject* parent);
    void reply(char status, const QByteArray& secret);

    QPointer<QLocalSocket> m_socket;
    int m_ticket;
    QString m_label;
    QString m_prompt;
    bool m_answered = false;
};

/*!
 * The private channel between meshdeck and the `meshdeck --askpass` processes ssh starts.
 * A QLocalServer listens on a socket in the 0700 runtime dir; each ssh run that may prompt gets
 * a ticket: a random cookie, put in that ssh's environment and valid only until the ticket is
 * revoked (when the run ends) and for a few prompts. The askpass process sends cookie and
 * prompt and prints what comes back. The secret itself never appears on a command line, in an
 * environment or in a log; only ssh's stdin pipe from the askpass process carries it.
 */
class AskpassServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AskpassServer)
public:
    AskpassServer(QString socketPath, QString helperPath, QObject* parent = nullptr);
    ~AskpassServer() override;

    bool listen(QString* error);

    /*! A ticket for one ssh run; label names the connection in the question. */
    int issueTicket(const QString& label, int maxPrompts = 3);
    /*! Ends a ticket; questions still open for it are withdrawn. */
    void revokeTicket(int ticket);
    /*! SSH_ASKPASS, SSH_ASKPASS_REQUIRE=force, DISPLAY, the socket and the ticket's cookie. */
    void addToEnvironment(QProcessEnvironment* environment, int ticket) const;

signals:
    void passwordRequested(PasswordQuestion* question);

private:
    struct Ticket
    {
        QString label;
        QByteArray cookie;
        int remaining = 0;
    };
    void onNewConnection();
    void onReadyRead(QLocalSocket* socket);

    QString m_socketPath;
    QString m_helperPath;
    QLocalServer* m_server = nullptr;
    QHash<int, Ticket> m_tickets;
    QHash<QLocalSocket*, QByteArray> m_pending; //!< requests being read
    int m_nextTicket = 1;
};

/*!
 * The askpass process's side (`meshdeck --askpass <prompt>`, called by app/): asks the running
 * meshdeck over the socket named in the environment and prints the answer for ssh.
 * Returns the process exit code: 0 with an answer, 1 when refused or unreachable.
 * Blocking by design: it is a short-lived process of its own with no event loop to serve.
 */
int runAskpassClient(const QString& prompt);
