// SPDX-License-Identifier: Apache-2.0
// The sudo -S conversation as logic: prompt detection across chunk boundaries, the password only
// for the first prompt, giving up on a second one, the marker split across reads, and sudo's real
// messages (sudo 1.9) when the run ends unconfirmed. The wrapping itself runs through a real sh.
#include "sudoexchange.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestSudoExchange final : public QObject
{
    Q_OBJECT

private slots:
    void promptIsUniqueAndSafe()
    {
        const SudoExchange a({}), b({});
        QVERIFY(a.prompt() != b.prompt());
        QVERIFY(a.marker() != b.marker());
        QVERIFY(!a.prompt().contains(u'%')); // sudo expands %-escapes in -p
        QVERIFY(a.prompt().startsWith(u"[meshdeck sudo "_qs));
    }

    void wrapKeepsArguments()
    {
        // a stand-in for sudo that runs what follows "--" (sudo would, after its checks)
        QTemporaryDir dir;
        const QString sudoProgram = dir.filePath(u"my sudo"_qs);
        QFile stub(sudoProgram);
        QVERIFY(stub.open(QIODevice::WriteOnly));
        stub.write("#!/bin/sh\nprintf '%s|' \"$@\" > \"$0.args\"\nwhile [ \"$1\" != -- ]; do shift; done\nshift\nexec \"$@\"\n");
        stub.close();
        QVERIFY(stub.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        SudoExchange sudo("pw", u"istio-proxy"_qs, sudoProgram);
        const QStringList argv{u"printf"_qs, u"%s|"_qs, u"a b"_qs, u"$(id)"_qs, QString()};
        const QStringList wrapped = sudo.wrap(argv);
        QCOMPARE(wrapped.mid(wrapped.size() - argv.size()), argv);
        // What the login shell runs: the nonce read from stdin first, then sudo by its full path
        // with the prompt and the marker made of it.
        QProcess p;
        p.start(wrapped.first(), wrapped.mid(1));
        p.write(sudo.openingLine());
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(), sudo.marker().toUtf8() + "\na b|$(id)||");
        QFile args(sudoProgram + u".args"_qs);
        QVERIFY(args.open(QIODevice::ReadOnly));
        QVERIFY(args.readAll().startsWith(QByteArray("-S|-p|" + sudo.prompt().toUtf8() + "|-u|istio-proxy|--|/bin/sh|-c|")));
    }

    // Security review H3: the command line the VM sees (ps, ~/.bashrc, audit logs) holds neither
    // the prompt, nor the marker, nor the nonce they are made of; without the opening line
    // nothing runs.
    void commandLineHoldsNoPromptNorMarker()
    {
        SudoExchange sudo("pw", {}, u"/usr/bin/sudo"_qs);
        const QString line = sudo.wrap({u"true"_qs}).join(u' ');
        QVERIFY(!line.contains(sudo.prompt()));
        QVERIFY(!line.contains(sudo.marker()));
        QVERIFY(!line.contains(QString::fromLatin1(sudo.openingLine().trimmed())));
        QVERIFY(sudo.prompt().contains(QString::fromLatin1(sudo.openingLine().trimmed())));
        QVERIFY(line.contains(u"exec /usr/bin/sudo -S"_qs));
        const QStringList wrapped = sudo.wrap({u"true"_qs});
        QProcess p;
        p.start(wrapped.first(), wrapped.mid(1));
        p.closeWriteChannel(); // no nonce
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 125);
    }

    void passwordOnFirstPromptOnly()
    {
        SudoExchange sudo("secret");
        const QByteArray prompt = sudo.prompt().toUtf8();
        QCOMPARE(sudo.onStandardError("lecture text\n" + prompt.left(5)), SudoExchange::Action::None);
        QCOMPARE(sudo.onStandardError(prompt.mid(5)), SudoExchange::Action::SendPassword);
        QCOMPARE(sudo.passwordLine(), QByteArray("secret\n"));
        QCOMPARE(sudo.onStandardError("\n"), SudoExchange::Action::None);
        QCOMPARE(sudo.onStandardError("Sorry, try again.\n" + prompt), SudoExchange::Action::GiveUp);
        QCOMPARE(sudo.failure(), SshError::Kind::SudoWrongPassword);
        QCOMPARE(sudo.cleaned("x" + prompt + "y"), QByteArray("xy"));
    }

    void noPasswordGivesUpAtOnce()
    {
        SudoExchange sudo({});
        QCOMPARE(sudo.onStandardError(sudo.prompt().toUtf8()), SudoExchange::Action::GiveUp);
        QCOMPARE(sudo.failure(), SshError::Kind::SudoPasswordRequired);
        QCOMPARE(sudo.errorAtEnd("sudo: no password was provided\n", u"vm1"_qs).kind, SshError::Kind::SudoPasswordRequired);
    }

    void markerAcrossReads()
    {
        SudoExchange sudo("pw");
        const QByteArray marker = sudo.marker().toUtf8();
        QCOMPARE(sudo.onStandardOutput(marker.left(7)), QByteArray());
        QVERIFY(!sudo.confirmed());
        QCOMPARE(sudo.onStandardOutput(marker.mid(7) + "\nout"), QByteArray("out"));
        QVERIFY(sudo.confirmed());
        QCOMPARE(sudo.onStandardOutput(marker + "\n"), marker + "\n"); // the command's own output is untouched
        // a prompt after confirmation is the command's business
        QCOMPARE(sudo.onStandardError(sudo.prompt().toUtf8()), SudoExchange::Action::None);
    }

    void sudosOwnMessages_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("kind");
        QTest::newRow("-n") << QByteArray() << QByteArray("sudo: a password is required\n") << int(SshError::Kind::SudoPasswordRequired);
        QTest::newRow("3 tries") << QByteArray("pw") << QByteArray("Sorry, try again.\nsudo: 3 incorrect password attempts\n")
                                 << int(SshError::Kind::SudoWrongPassword);
        QTest::newRow("sudoers") << QByteArray("pw")
                                 << QByteArray("ops is not in the sudoers file.  This incident will be reported.\n")
                                 << int(SshError::Kind::SudoFailed);
        QTest::newRow("no sudo") << QByteArray() << QByteArray("bash: line 1: sudo: command not found\n")
                                 << int(SshError::Kind::SudoFailed);
    }

    void sudosOwnMessages()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, text);
        QFETCH(int, kind);
        const SudoExchange sudo(password);
        const SshError error = sudo.errorAtEnd(text, u"vm1"_qs);
        QCOMPARE(int(error.kind), kind);
        QVERIFY(error.message.startsWith(u"vm1: sudo"_qs));
    }
};

QTEST_APPLESS_MAIN(TestSudoExchange)
#include "tst_sudoexchange.moc"
