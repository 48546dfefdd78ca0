// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

/*! One event of a Kubernetes watch stream. */
struct WatchEvent
{
    enum class Type { Added, Modified, Deleted, Bookmark, Error };

    Type type = Type::Added;
    QJsonObject object; //!< the object; a Status for Error; only metadata.resourceVersion for Bookmark

    /*! metadata.resourceVersion of the object (also of a bookmark). */
    QString resourceVersion() const;
    /*! For an ERROR event: the Status code (410 = the resourceVersion is too old: relist). */
    int errorCode() const;

    /*! Parses one line of the stream; nullopt (and *error set) when it is not a watch event. */
    static std::optional<WatchEvent> parse(const QByteArray& line, QString* error = nullptr);
};

/*!
 * Splits a watch response body into its newline-delimited JSON events. Network chunks end
 * anywhere (mid-event, mid-UTF-8 sequence); the splitter keeps the unfinished tail for the next.
 */
class WatchStreamSplitter
{
public:
    /*!
     * The longest event line kept (security review M4): etcd holds objects of at most 1.5 MiB,
     * and an event is one object, so 64 MiB without a newline is no watch stream.
     */
    static constexpr qsizetype maxLineBytes = 64 * 1024 * 1024;

    /*! Appends a chunk and returns the complete lines it finished (without the newline). */
    QList<QByteArray> feed(const QByteArray& chunk);
    /*! Bytes of an unfinished event. */
    const QByteArray& pending() const { return m_buffer; }
    /*! An unfinished line passed maxLineBytes: its bytes were dropped; the stream is unusable. */
    bool overflowed() const { return m_overflowed; }
    void reset()
    {
        m_buffer.clear();
        m_overflowed = false;
    }

private:
    QByteArray m_buffer;
    bool m_overflowed = false;
};
