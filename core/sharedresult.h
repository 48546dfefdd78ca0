// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>
#include <utility>

/*!
 * One result that many callers wait for while one piece of work computes it: the cluster facts
 * of a fleet run, the sudo password asked once, the API discovery, an exec plugin's run, the
 * login shell's PATH. Not a QObject: a member of the object that owns the work.
 *
 * - whenReady() registers a waiter and returns true for the one caller that must start the
 *   work (the first while nothing is known or in progress); the others share that run.
 * - resolve() keeps the result and calls every waiter; later callers get the kept result,
 *   posted to their context (never inside whenReady()), until reset().
 * - deliver() calls every waiter and keeps nothing: the next whenReady() starts the work again
 *   (the owner keeps its own cache, with its own rules, or none).
 *
 * A waiter whose context object was destroyed is skipped; a waiter given no context at all is
 * always called. Waiters are called in the order they came, synchronously inside resolve() or
 * deliver(); a waiter added while they are being called (by one of them) is not part of that
 * delivery: it gets the kept result later (resolve) or starts the work again (deliver).
 * resolve() and deliver() touch nothing of this object once the first waiter runs, so a waiter
 * may destroy the owner. Use from the owner's thread.
 */
template <typename T>
class SharedResult
{
public:
    using Callback = std::function<void(const T&)>;

    /*!
     * done gets the result once it is there (posted to context when it already is); returns
     * true when the caller must now start the work that ends in resolve() or deliver().
     */
    bool whenReady(QObject* context, Callback done)
    {
        if (m_value) {
            QObject* target = context ? context : QCoreApplication::instance();
            QMetaObject::invokeMethod(target, [done = std::move(done), value = *m_value] { done(value); },
                                      Qt::QueuedConnection);
            return false;
        }
        m_waiters.append(Waiter{context, context != nullptr, std::move(done)});
        return !std::exchange(m_pending, true);
    }

    /*! Keeps value for later callers and calls the waiters with it. */
    void resolve(const T& value)
    {
        m_value = value;
        callWaiters(value);
    }

    /*! Calls the waiters with value and keeps nothing. */
    void deliver(const T& value) { callWaiters(value); }

    /*! Forgets the kept result: the next whenReady() starts the work again. Waiters stay. */
    void reset() { m_value.reset(); }

    bool isReady() const { return m_value.has_value(); }
    /*! Some work was started and has not ended in resolve() or deliver(). */
    bool isPending() const { return m_pending; }
    /*! The kept result; nullptr when there is none. */
    const T* value() const { return m_value ? &*m_value : nullptr; }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Callback done;
    };

    void callWaiters(const T& value)
    {
        m_pending = false;
        const QList<Waiter> waiters = std::exchange(m_waiters, {});
        for (const Waiter& waiter : waiters) {
            if (waiter.hasContext && !waiter.context)
                continue; // the caller is gone
            waiter.done(value);
        }
    }

    std::optional<T> m_value;
    QList<Waiter> m_waiters;
    bool m_pending = false;
};
