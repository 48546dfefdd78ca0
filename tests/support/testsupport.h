// SPDX-License-Identifier: Apache-2.0
#pragma once

// Small helpers the test suites share: the source tree, problems as text, files, and running a
// program to its end (run()).

#include "problem.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

#include <type_traits>

#include <sys/stat.h>

namespace TestSupport {

/*! The repository root: set by ctest, compiled in for running a test by hand. */
inline QString sourceDir()
{
    return qEnvironmentVariable("MESHDECK_SOURCE_DIR", QStringLiteral(MESHDECK_TEST_SOURCE_DIR));
}

/*! The permission bits of path (07777: with setuid, setgid and sticky), -1 when it is not there. */
inline int modeOf(const QString& path)
{
    struct stat st{};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

/*! SHA-256 of data, lower-case hex (as sha256sum prints it). */
inline QString sha256(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

/*! Problems one per line, for failure messages. */
inline QString describe(const Problems& problems)
{
    QStringList lines;
    for (const Problem& p : problems)
        lines.append(p.toString());
    return lines.join(u'\n');
}

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

/*! Output as To: QByteArray for the UTF-8 bytes, QString for their reading. */
template <typename To, typename From>
To textAs(const From& value)
{
    if constexpr (std::is_same_v<To, From>)
        return value;
    else if constexpr (std::is_same_v<To, QString>)
        return QString::fromUtf8(value);
    else
        return value.toUtf8();
}

/*!
 * How a program run by run() ended: its exit code, or one of the negative codes below, and what
 * it wrote on stdout (Out) and stderr (Err), each as UTF-8 text (QString) or as the bytes
 * written (QByteArray), whichever the suite checks.
 */
template <typename Out = QString, typename Err = Out>
struct BasicRun
{
    static constexpr int Crashed = -2;    //!< it died of a signal (out and err hold what it wrote)
    static constexpr int TimedOut = -3;   //!< killed at the timeout: out empty, err "<program> timed out"
    static constexpr int NotStarted = -4; //!< it could not be started: out empty, err "<program> did not start"

    int exitCode = -1;
    Out out;
    Err err;
    qint64 ms = 0; //!< from the start to the end (or to giving up)

    /*! stdout then stderr, as one text to search. */
    QString all() const { return textAs<QString>(out) + textAs<QString>(err); }
    /*! stdout as a JSON object; empty when it is none. */
    QJsonObject json() const { return QJsonDocument::fromJson(textAs<QByteArray>(out)).object(); }
};

/*! The usual result: stdout and stderr as text. */
using Run = BasicRun<>;

/*! How run() runs a program; set as RunOptions().withInput(bytes).withTimeout(ms)... */
struct RunOptions
{
    QByteArray input; //!< written to stdin, then end of file; without input, stdin is /dev/null
    int timeoutMs = 60000;
    bool abortOnTimeout = false; //!< a program that does not start or end in time stops the whole suite (qFatal)
    QProcessEnvironment environment{QProcessEnvironment::InheritFromParent}; //!< by default the test's own
    QString workingDirectory; //!< empty: the test's own

    RunOptions& withInput(const QByteArray& bytes)
    {
        input = bytes;
        return *this;
    }
    RunOptions& withTimeout(int ms)
    {
        timeoutMs = ms;
        return *this;
    }
    RunOptions& withAbortOnTimeout()
    {
        abortOnTimeout = true;
        return *this;
    }
    RunOptions& withEnvironment(const QProcessEnvironment& env)
    {
        environment = env;
        return *this;
    }
    RunOptions& withWorkingDirectory(const QString& dir)
    {
        workingDirectory = dir;
        return *this;
    }
};

/*!
 * Runs program with args to its end and returns what it left, as Result (a BasicRun). Never a
 * terminal on stdin: the program asks no questions. A program that is still running at the
 * timeout is killed (Result::TimedOut), one that cannot start is Result::NotStarted; with
 * abortOnTimeout either ends the suite instead.
 */
template <typename Result = Run>
Result run(const QString& program, const QStringList& args, const RunOptions& options = {})
{
    using Out = decltype(Result::out);
    using Err = decltype(Result::err);
    QProcess p;
    p.setProcessEnvironment(options.environment);
    if (!options.workingDirectory.isEmpty())
        p.setWorkingDirectory(options.workingDirectory);
    if (options.input.isEmpty())
        p.setStandardInputFile(QProcess::nullDevice());
    QElapsedTimer clock;
    clock.start();
    const auto failed = [&](int exitCode, const QString& what) {
        if (options.abortOnTimeout)
            qFatal("%s %s", qPrintable((QStringList{program} + args).join(u' ')), qPrintable(what));
        Result r;
        r.exitCode = exitCode;
        r.err = textAs<Err>(QString(program + u' ' + what));
        r.ms = clock.elapsed();
        return r;
    };
    p.start(program, args);
    if (!p.waitForStarted(options.timeoutMs))
        return failed(Result::NotStarted, QStringLiteral("did not start"));
    if (!options.input.isEmpty()) {
        p.write(options.input);
        p.closeWriteChannel();
    }
    if (!p.waitForFinished(options.timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return failed(Result::TimedOut, QStringLiteral("timed out"));
    }
    Result r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : Result::Crashed;
    r.out = textAs<Out>(p.readAllStandardOutput());
    r.err = textAs<Err>(p.readAllStandardError());
    r.ms = clock.elapsed();
    return r;
}

/*!
 * "Billion laughs": YAML lines whose nine levels of ten aliases stand for 10^9 values in a few
 * hundred bytes (security review M4), each line indented by \a indent spaces (a block scalar's).
 */
inline QString aliasBomb(int indent)
{
    const QString pad(indent, u' ');
    QString yaml = pad + u"l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"_qs;
    for (int level = 1; level <= 9; ++level) {
        const QString ref = u"*l"_qs + QString::number(level - 1);
        yaml += pad + u"l%1: &l%1 [%2]\n"_qs.arg(QString::number(level), QStringList(10, ref).join(u", "_qs));
    }
    return yaml;
}

} // namespace TestSupport
