// SPDX-License-Identifier: Apache-2.0
#include "terminalprompter.h"

#include "secrets.h"

#include <QSocketNotifier>

#include <cstdio>

#include <termios.h>
#include <unistd.h>

TerminalPrompter::TerminalPrompter(QObject* parent)
    : QObject(parent)
{
}

TerminalPrompter::~TerminalPrompter()
{
    echo(true);
    Secrets::wipe(m_line);
}

bool TerminalPrompter::isAvailable()
{
    return isatty(STDIN_FILENO) != 0;
}

void TerminalPrompter::setAroundQuestion(std::function<void()> before, std::function<void()> after)
{
    m_before = std::move(before);
    m_after = std::move(after);
}

void TerminalPrompter::askYesNo(const QString& text, std::function<void(bool)> done)
{
    auto q = std::make_shared<Question>();
    q->text = text;
    q->yesNo = std::move(done);
    m_queue.enqueue(q);
    if (!m_current)
        next();
}

void TerminalPrompter::askSecret(const QString& prompt, std::function<void(QByteArray, bool)> done)
{
    auto q = std::make_shared<Question>();
    q->text = prompt;
    q->secret = true;
    q->secretDone = std::move(done);
    m_queue.enqueue(q);
    if (!m_current)
        next();
}

void TerminalPrompter::next()
{
    if (m_queue.isEmpty()) {
        m_current.reset();
        if (m_notifier)
            m_notifier->setEnabled(false);
        if (m_after)
            m_after();
        return;
    }
    if (!m_current && m_before)
        m_before();
    m_current = m_queue.dequeue();
    m_line.clear();
    if (m_current->secret)
        echo(false);
    const QByteArray text = m_current->text.toLocal8Bit();
    std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
    std::fflush(stderr);
    if (!m_notifier) {
        m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &TerminalPrompter::onReadable);
    }
    m_notifier->setEnabled(true);
}

void TerminalPrompter::onReadable()
{
    char buffer[256];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n <= 0) {
        answer(m_line, true);
        return;
    }
    m_line.append(buffer, n);
    std::fill(buffer, buffer + sizeof buffer, '\0');
    const qsizetype newline = m_line.indexOf('\n');
    if (newline < 0)
        return;
    QByteArray line = m_line.left(newline);
    Secrets::wipe(m_line);
    m_line.clear();
    answer(line, false);
}

void TerminalPrompter::answer(QByteArray line, bool eof)
{
    const std::shared_ptr<Question> q = m_current;
    if (!q)
        return;
    if (q->secret) {
        echo(true);
        std::fputc('\n', stderr); // the user's Enter was not echoed
        std::fflush(stderr);
        if (line.endsWith('\r'))
            line.chop(1);
        q->secretDone(line, !eof);
        Secrets::wipe(line);
    } else {
        const QByteArray word = line.trimmed().toLower();
        q->yesNo(!eof && (word == "y" || word == "yes"));
    }
    next();
}

void TerminalPrompter::echo(bool on)
{
    if (!isAvailable())
        return;
    if (!on) {
        if (m_saved)
            return;
        m_saved = std::make_unique<termios>();
        if (tcgetattr(STDIN_FILENO, m_saved.get()) != 0) {
            m_saved.reset();
            return;
        }
        termios quiet = *m_saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        return;
    }
    if (m_saved) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, m_saved.get());
        m_saved.reset();
    }
}
