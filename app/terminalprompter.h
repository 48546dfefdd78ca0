// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QObject>
#include <QQueue>
#include <QString>

#include <functional>
#include <memory>

class QSocketNotifier;
struct termios;

/*!
 * Questions on the terminal meshdeck was started from, one at a time, without blocking the
 * event loop (the other VMs' ssh runs go on while a question waits): a y/N confirmation or a
 * secret read with echo off. Secrets are handed to the callback and wiped here; they are never
 * printed or logged. Only usable when stdin is a terminal (isAvailable()).
 */
class TerminalPrompter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminalPrompter)
public:
    explicit TerminalPrompter(QObject* parent = nullptr);
    ~TerminalPrompter() override;

    static bool isAvailable();

    /*! text is printed on stderr; done(true) for y/yes. */
    void askYesNo(const QString& text, std::function<void(bool)> done);
    /*! prompt on stderr, the answer read without echo; done(secret, given); empty on EOF. */
    void askSecret(const QString& prompt, std::function<void(QByteArray, bool)> done);

    /*! Called before a question is printed and after it is answered (the live view steps aside). */
    void setAroundQuestion(std::function<void()> before, std::function<void()> after);
    bool isAsking() const { return m_current != nullptr; }

private:
    struct Question
    {
        QString text;
        bool secret = false;
        std::function<void(bool)> yesNo;
        std::function<void(QByteArray, bool)> secretDone;
    };
    void next();
    void onReadable();
    void answer(QByteArray line, bool eof);
    void echo(bool on);

    QSocketNotifier* m_notifier = nullptr;
    QQueue<std::shared_ptr<Question>> m_queue;
    std::shared_ptr<Question> m_current;
    QByteArray m_line;
    std::unique_ptr<termios> m_saved;
    std::function<void()> m_before;
    std::function<void()> m_after;
};
