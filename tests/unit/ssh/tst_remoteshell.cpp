// SPDX-License-Identifier: Apache-2.0
// Remote command quoting: hostile values go through real POSIX shells (sh, dash, bash) exactly as
// ssh hands a command line to the remote login shell, and must arrive intact, one argument each,
// with nothing executed, expanded or redirected on the way.
#include "remoteshell.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

// "@F@" in a value stands for a file that must never be created, "@D@" for the work folder.
const QString fileMark = u"@F@"_qs;
const QString dirMark = u"@D@"_qs;

struct Shell
{
    QString program;
    QStringList options;
    QString label;
};

QList<Shell> shells()
{
    QList<Shell> found{{u"/bin/sh"_qs, {}, u"sh"_qs}};
    for (const QString& name : {u"dash"_qs, u"bash"_qs, u"zsh"_qs, u"ksh"_qs, u"mksh"_qs, u"busybox"_qs}) {
        const QString path = QStandardPaths::findExecutable(name);
        if (path.isEmpty())
            continue;
        if (name == u"busybox")
            found.append(Shell{path, {u"sh"_qs}, name});
        else
            found.append(Shell{path, {}, name});
        if (name == u"bash")
            found.append(Shell{path, {u"--posix"_qs}, u"bash --posix"_qs});
    }
    return found;
}

// Runs `shell -c "<prefix> <line>"` in dir; returns stdout, or a null array on failure.
QByteArray run(const Shell& shell, const QString& script, const QString& dir, QString* error)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_qs, dir);
    p.setProcessEnvironment(env);
    p.start(shell.program, shell.options + QStringList{u"-c"_qs, script});
    if (!p.waitForStarted(30000)) {
        *error = shell.label + u" did not start: "_qs + p.errorString();
        return {};
    }
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        *error = shell.label + u" timed out"_qs;
        return {};
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = shell.label + u" failed: "_qs + QString::fromLocal8Bit(p.readAllStandardError());
        return {};
    }
    return p.readAllStandardOutput();
}

QByteArray nulSeparated(const QStringList& values)
{
    QByteArray out;
    for (const QString& v : values)
        out += v.toUtf8() + '\0';
    return out;
}

QString printable(QString s)
{
    for (QChar& c : s) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            c = u'?';
    }
    return s.left(40);
}

} // namespace

class TestRemoteShell final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // files for globs to match, should a value ever reach the shell unquoted
        QVERIFY(QDir().mkpath(m_dir.filePath(u"work"_qs)));
        for (const QString& name : {u"a"_qs, u"b.txt"_qs, u".hidden"_qs}) {
            QFile f(m_dir.filePath(u"work/"_qs + name));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        qInfo("shells: %s", qPrintable([] {
            QStringList labels;
            for (const Shell& s : shells())
                labels.append(s.label);
            return labels.join(u", "_qs);
        }()));
    }

    void hostileValuesArriveIntact_data()
    {
        QTest::addColumn<QString>("value");
        QStringList values = {
            // quotes
            u"'"_qs, u"''"_qs, u"a'b"_qs, u"it's"_qs, u"'\\''"_qs, u"\""_qs, u"a\"b"_qs, u"\"'\"'\""_qs, u"'$(id)'"_qs,
            // command substitution, chaining, pipes, redirection, background
            u"$(id)"_qs, u"`id`"_qs, u"$(touch @F@)"_qs, u"`touch @F@`"_qs, u"; touch @F@"_qs, u";touch @F@;"_qs,
            u"&& touch @F@"_qs, u"|| touch @F@"_qs, u"| touch @F@"_qs, u"& touch @F@"_qs, u"> @F@"_qs, u">@F@"_qs,
            u">> @F@"_qs, u"< /etc/passwd"_qs, u"2>@F@"_qs, u"x'; touch @F@; echo '"_qs, u"\"; touch @F@; echo \""_qs,
            u"$(touch @F@)'$(touch @F@)'"_qs, u"'`touch @F@`'"_qs, u"\ntouch @F@"_qs, u"a\n; touch @F@\n"_qs,
            u"<(touch @F@)"_qs, u">(touch @F@)"_qs, u"{touch,@F@}"_qs, u"$((1+1))"_qs, u"$[1+1]"_qs,
            // expansions
            u"$HOME"_qs, u"${HOME}"_qs, u"$IFS"_qs, u"${IFS}"_qs, u"$0"_qs, u"$@"_qs, u"$*"_qs, u"$#"_qs, u"$$"_qs,
            u"$?"_qs, u"$!"_qs, u"$-"_qs, u"$'\\x41'"_qs, u"$\"x\""_qs, u"${x:-$(touch @F@)}"_qs, u"~"_qs, u"~root"_qs,
            u"~/x"_qs, u"a=~/x"_qs, u"x:~"_qs, u"a=b"_qs, u"FOO=bar"_qs, u"{a,b}"_qs, u"a{1..3}"_qs,
            // globs (the work folder holds files they could match)
            u"*"_qs, u"?"_qs, u"[a]"_qs, u"[!a]*"_qs, u"@D@/*"_qs, u".*"_qs, u"**"_qs, u"*.txt"_qs,
            // history, comments, whitespace
            u"!"_qs, u"!!"_qs, u"!$"_qs, u"!-1"_qs, u"#"_qs, u"# not a comment"_qs, u"a #b"_qs, u" "_qs, u"  "_qs,
            u"a b"_qs, u" lead"_qs, u"trail "_qs, u"\t"_qs, u"a\tb"_qs, u"\n"_qs, u"a\nb"_qs, u"\r\n"_qs, u"\r"_qs,
            // options, empties, backslashes, printf formats
            u"-"_qs, u"--"_qs, u"-n"_qs, u"-e"_qs, u"--help"_qs, u"-c"_qs, u""_qs, u"\\"_qs, u"\\\\"_qs, u"\\n"_qs,
            u"a\\"_qs, u"\\'"_qs, u"\\\""_qs, u"\\$(touch @F@)"_qs, u"%s"_qs, u"%"_qs, u"%n"_qs, u"\\0"_qs, u"\\c"_qs,
            // unicode and control characters
            u"日本語"_qs, u"café"_qs, u"😀"_qs, u"a\u00a0b"_qs, u"\u2028"_qs, u"\x01\x02\x1b[31m"_qs, u"\x7f"_qs,
            u"ǅ"_qs, u"\u202eevil"_qs,
            // safe-looking values
            u"abc"_qs, u"/usr/local/bin/istio-start.sh"_qs, u"--flag=value"_qs, u"user@host:22"_qs, u"10.0.0.1"_qs,
            u"a,b"_qs, u"a+b%c"_qs,
        };
        // long, but the whole command line must stay under Linux's 128 KiB limit for one argument
        QString longValue;
        for (int i = 0; i < 300; ++i)
            longValue += u"x'y\"z $(touch @F@) \\ "_qs;
        values << longValue << QString(6000, u'\'') << QString(30000, u'x');
        for (qsizetype i = 0; i < values.size(); ++i)
            QTest::addRow("%d %s", int(i), qPrintable(printable(values.at(i)))) << values.at(i);
    }

    void hostileValuesArriveIntact()
    {
        QFETCH(QString, value);
        const QString canary = m_dir.filePath(u"pwned"_qs);
        const QString work = m_dir.filePath(u"work"_qs);
        QVERIFY(QDir().mkpath(work));
        const QStringList before = QDir(work).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        value.replace(fileMark, canary).replace(dirMark, work);
        const QStringList argv{value, u"second "_qs + value, value + value};
        QVERIFY(std::all_of(argv.cbegin(), argv.cend(), RemoteShell::isTransportable));
        const QString line = RemoteShell::commandLine(argv);
        for (const Shell& shell : shells()) {
            QString error;
            const QByteArray out = run(shell, u"printf '%s\\0' "_qs + line, work, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error + u"\n"_qs + line.left(500)));
            QVERIFY2(out == nulSeparated(argv),
                     qPrintable(shell.label + u": "_qs + QString::fromUtf8(out).left(300) + u"\nline: "_qs + line.left(300)));
            QVERIFY2(!QFileInfo::exists(canary), qPrintable(shell.label + u" executed part of: "_qs + line.left(300)));
            QCOMPARE(QDir(work).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), before);
        }
    }

    void nestedQuotingArrivesIntact()
    {
        // `sudo sh -c <line>` on the remote side: a quoted line quoted again
        const QString canary = m_dir.filePath(u"pwned-nested"_qs);
        const QStringList argv{u"it's $(touch "_qs + canary + u")"_qs, u"`touch "_qs + canary + u"`"_qs, u"a\nb"_qs, QString()};
        const QString inner = u"printf '%s\\0' "_qs + RemoteShell::commandLine(argv);
        const QString outer = RemoteShell::commandLine({u"sh"_qs, u"-c"_qs, inner});
        for (const Shell& shell : shells()) {
            QString error;
            const QByteArray out = run(shell, outer, m_dir.path(), &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(out, nulSeparated(argv));
            QVERIFY(!QFileInfo::exists(canary));
        }
    }

    void argumentBoundariesArePreserved()
    {
        // empty arguments stay arguments, spaces do not split them
        const QStringList argv{QString(), u"a b"_qs, QString(), u"  "_qs, u"c"_qs};
        QString error;
        const QByteArray out = run(shells().first(), u"printf '%s\\0' "_qs + RemoteShell::commandLine(argv), m_dir.path(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(out.count('\0'), 5);
        QCOMPARE(out, nulSeparated(argv));
        QCOMPARE(RemoteShell::commandLine({}), QString());
    }

    void safeValuesStayBare_data()
    {
        QTest::addColumn<QString>("value");
        for (const QString& v : {u"abc"_qs, u"ABC_123"_qs, u"/usr/local/bin/istio-start.sh"_qs, u"--flag=value"_qs,
                                 u"user@host:22"_qs, u"10.0.0.1"_qs, u"a,b"_qs, u"a+b%c"_qs, u"-n"_qs, u"./x"_qs,
                                 u"/var/lib/istio/envoy/cluster.env"_qs, u"istio-sidecar.deb"_qs})
            QTest::newRow(qPrintable(v)) << v;
    }

    void safeValuesStayBare()
    {
        QFETCH(QString, value);
        QCOMPARE(RemoteShell::quote(value), value);
    }

    void unsafeValuesAreQuoted_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("empty") << QString() << u"''"_qs;
        QTest::newRow("space") << u"a b"_qs << u"'a b'"_qs;
        QTest::newRow("quote") << u"it's"_qs << u"'it'\\''s'"_qs;
        QTest::newRow("only a quote") << u"'"_qs << u"''\\'''"_qs;
        QTest::newRow("dollar") << u"$HOME"_qs << u"'$HOME'"_qs;
        QTest::newRow("tilde") << u"~"_qs << u"'~'"_qs;
        QTest::newRow("glob") << u"*"_qs << u"'*'"_qs;
        QTest::newRow("unicode") << u"café"_qs << u"'café'"_qs;
        QTest::newRow("newline") << u"a\nb"_qs << u"'a\nb'"_qs;
    }

    void unsafeValuesAreQuoted()
    {
        QFETCH(QString, value);
        QFETCH(QString, quoted);
        QCOMPARE(RemoteShell::quote(value), quoted);
    }

    void commandLineJoinsWithSpaces()
    {
        QCOMPARE(RemoteShell::commandLine({u"systemctl"_qs, u"start"_qs, u"istio"_qs}), u"systemctl start istio"_qs);
        QCOMPARE(RemoteShell::commandLine({u"echo"_qs, u"a b"_qs, QString()}), u"echo 'a b' ''"_qs);
    }

    void nulIsNotTransportable()
    {
        QVERIFY(!RemoteShell::isTransportable(QString(QChar(0))));
        QVERIFY(!RemoteShell::isTransportable(u"a"_qs + QChar(0) + u"b"_qs));
        QVERIFY(RemoteShell::isTransportable(QString()));
        QVERIFY(RemoteShell::isTransportable(u"\x01\n\t'\"$"_qs));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestRemoteShell)
#include "tst_remoteshell.moc"
