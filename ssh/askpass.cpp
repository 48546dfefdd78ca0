// SPDX-License-Identifier: Apache-2.0
#include "askpass.h"

#include "secrets.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QRandomGenerator>

#include <cstdio>

namespace {

const QString socketVariable = u"MESHDECK_ASKPASS_SOCKET"_qs;
const QString cookieVariable = u"MESHDECK_ASKPASS_COOKIE"_qs;
constexpr qsizetype maxPrompt = 4096;

void wipe(QByteArray& bytes)
{
    Secrets::wipe(bytes);
    bytes.clear();
}

QByteArray randomCookie()
{
    QByteArray raw(32, '\0');
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toHex();
}

// Cookie comparison that takes the same time wherever the first difference is.
bool sameCookie(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

// Request: "<cookie>\n<prompt length>\n<prompt bytes>". Returns false while incomplete.
bool parseRequest(const QByteArray& data, QByteArray* cookie, QByteArray* prompt, bool* malformed)
{
    const qsizetype first = data.indexOf('\n');
    const qsizetype second = first < 0 ? -1 : data.indexOf('\n', first + 1);
    if (second < 0) {
        *malformed = data.size() > 200;
        return false;
    }
    bool ok = false;
    const qsizetype length = data.mid(first + 1, second - first - 1).toLongLong(&ok);
    if (!ok || length < 0 || length > maxPrompt) {
        *malformed = true;
        return false;
    }
    if (data.size() < second + 1 + length)
        return false;
    *cookie = data.left(first);
    *prompt = data.mid(second + 1, length);
    return true;
}

} // namespace

PasswordQuestion::PasswordQuestion(QLocalSocket* socket, int ticket, QString label, QString prompt, QObject* parent)
    : Question(parent)
    , m_socket(socket)
    , m_ticket(ticket)
    , m_label(std::move(label))
    , m_prompt(std::move(prompt))
{
}

void PasswordQuestion::answer(const QByteArray& secret)
{
    reply('1', secret);
}

void PasswordQuestion::reject()
{
    reply('0', {});
}

void PasswordQuestion::reply(char status, const QByteArray& secret)
{
    if (m_answered)
        return;
    m_answered = true;
    if (m_socket && m_socket->state() == QLocalSocket::ConnectedState) {
        QByteArray message(1, status);
        message += secret;
        m_socket->write(message);
        wipe(message);
        m_socket->disconnectFromServer(); // flushes first; the client reads until the end
    }
    deleteLater();
}

AskpassServer::AskpassServer(QString socketPath, QString helperPath, QObject* parent)
    : QObject(parent)
    , m_socketPath(std::move(socketPath))
    , m_helperPath(std::move(helperPath))
    , m_server(new QLocalServer(this))
{
    // Only the owner may connect (the directory is 0700 too).
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &AskpassServer::onNewConnection);
}

AskpassServer::~AskpassServer()
{
    m_server->close();
}

bool AskpassServer::listen(QString* error)
{
    if (m_server->listen(m_socketPath))
        return true;
    *error = u"cannot listen on the askpass socket "_qs + m_socketPath + u": "_qs + m_server->errorString();
    return false;
}

int AskpassServer::issueTicket(const QString& label, int maxPrompts)
{
    const int id = m_nextTicket++;
    m_tickets.insert(id, Ticket{label, randomCookie(), maxPrompts});
    return id;
}

void AskpassServer::revokeTicket(int ticket)
{
    if (auto it = m_tickets.find(ticket); it != m_tickets.end()) {
        wipe(it->cookie);
        m_tickets.erase(it);
    }
    const QList<PasswordQuestion*> open = findChildren<PasswordQuestion*>(Qt::FindDirectChildrenOnly);
    for (PasswordQuestion* question : open) {
        if (question->ticket() == ticket && !question->m_answered) {
            emit question->withdrawn();
            question->reject();
        }
    }
}

void AskpassServer::addToEnvironment(QProcessEnvironment* environment, int ticket) const
{
    const auto it = m_tickets.constFind(ticket);
    if (it == m_tickets.cend())
        return;
    environment->insert(u"SSH_ASKPASS"_qs, m_helperPath);
    // force: use askpass even without DISPLAY and whatever the terminal situation.
    environment->insert(u"SSH_ASKPASS_REQUIRE"_qs, u"force"_qs);
    // OpenSSH before 8.4 ignores SSH_ASKPASS_REQUIRE and uses askpass only when DISPLAY is set.
    if (!environment->contains(u"DISPLAY"_qs))
        environment->insert(u"DISPLAY"_qs, u"meshdeck:0"_qs);
    environment->insert(socketVariable, m_socketPath);
    environment->insert(cookieVariable, QString::fromLatin1(it->cookie));
}

void AskpassServer::onNewConnection()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        m_pending.insert(socket, {});
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QLocalSocket::disconnected, this, [this, socket] {
            m_pending.remove(socket);
            const QList<PasswordQuestion*> open = findChildren<PasswordQuestion*>(Qt::FindDirectChildrenOnly);
            for (PasswordQuestion* question : open) {
                if (question->m_socket == socket && !question->m_answered) {
                    question->m_answered = true;
                    emit question->withdrawn();
                    question->deleteLater();
                }
            }
            socket->deleteLater();
        });
    }
}

void AskpassServer::onReadyRead(QLocalSocket* socket)
{
    auto pending = m_pending.find(socket);
    if (pending == m_pending.end())
        return; // request already taken; ignore anything further
    *pending += socket->readAll();
    QByteArray cookie;
    QByteArray prompt;
    bool malformed = false;
    if (!parseRequest(*pending, &cookie, &prompt, &malformed)) {
        if (malformed) {
            m_pending.erase(pending);
            socket->disconnectFromServer();
        }
        return;
    }
    m_pending.erase(pending);
    for (auto it = m_tickets.begin(); it != m_tickets.end(); ++it) {
        if (!sameCookie(it->cookie, cookie))
            continue;
        if (it->remaining <= 0)
            break;
        --it->remaining;
        auto* question = new PasswordQuestion(socket, it.key(), it->label, QString::fromUtf8(prompt).trimmed(), this);
        emit passwordRequested(question);
        return;
    }
    socket->write("0"); // unknown or used-up cookie
    socket->disconnectFromServer();
}

int runAskpassClient(const QString& prompt)
{
    const QString path = qEnvironmentVariable(qPrintable(socketVariable));
    const QByteArray cookie = qgetenv(qPrintable(cookieVariable));
    if (path.isEmpty() || cookie.isEmpty()) {
        std::fputs("meshdeck --askpass: only ssh started by meshdeck may use this mode\n", stderr);
        return 1;
    }
    QLocalSocket socket;
    socket.connectToServer(path);
    if (!socket.waitForConnected(10'000)) {
        std::fputs("meshdeck --askpass: meshdeck is not listening\n", stderr);
        return 1;
    }
    const QByteArray text = prompt.toUtf8().left(maxPrompt);
    socket.write(cookie + '\n' + QByteArray::number(text.size()) + '\n' + text);
    socket.flush();
    // The user may take a while to answer; meshdeck closes the socket when ssh is given up on.
    QByteArray reply;
    while (socket.state() == QLocalSocket::ConnectedState && socket.waitForReadyRead(-1))
        reply += socket.readAll();
    reply += socket.readAll();
    if (!reply.startsWith('1')) {
        wipe(reply);
        return 1;
    }
    reply.remove(0, 1);
    reply += '\n';
    const bool written = std::fwrite(reply.constData(), 1, static_cast<size_t>(reply.size()), stdout)
        == static_cast<size_t>(reply.size());
    std::fflush(stdout);
    wipe(reply);
    return written ? 0 : 1;
}
