// SPDX-License-Identifier: Apache-2.0
// OpenSSH's own failure messages (recorded from OpenSSH 9.2p1 against a local sshd) become the
// right SshError kinds, with the host key details pulled out of the CHANGED warning; anything
// else after exit 255 is left to be the remote command's own exit code.
#include "ssherror.h"

#include <QTest>

namespace {

const QByteArray changed = R"(@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
Someone could be eavesdropping on you right now (man-in-the-middle attack)!
It is also possible that a host key has just been changed.
The fingerprint for the ED25519 key sent by the remote host is
SHA256:xRmudcnnGInL4Y5z1dldEJ2T8EpOoCaAPVaGIDAsxK8.
Please contact your system administrator.
Add correct host key in /tmp/h9x/known_hosts to get rid of this message.
Offending ED25519 key in /tmp/h9x/known_hosts:1
  remove with:
  ssh-keygen -f "/tmp/h9x/known_hosts" -R "[127.0.0.1]:22931"
Host key for [127.0.0.1]:22931 has changed and you have requested strict checking.
Host key verification failed.
)";

} // namespace

class TestSshError final : public QObject
{
    Q_OBJECT

private slots:
    void changedKey()
    {
        const SshError error = sshFailureFromStderr(changed, u"vm1"_qs);
        QCOMPARE(error.kind, SshError::Kind::HostKeyChanged);
        QCOMPARE(error.host, u"[127.0.0.1]:22931"_qs);
        QCOMPARE(error.offeredFingerprint, u"SHA256:xRmudcnnGInL4Y5z1dldEJ2T8EpOoCaAPVaGIDAsxK8"_qs);
        QCOMPARE(error.knownHostsLocation, u"/tmp/h9x/known_hosts:1"_qs);
        QVERIFY(error.message.startsWith(u"vm1: "_qs));
        QVERIFY(error.message.contains(error.offeredFingerprint));
    }

    void kinds_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("kind");
        QTest::newRow("unknown, strict")
            << QByteArray("No ED25519 host key is known for [127.0.0.1]:22978 and you have requested strict checking.\r\n"
                          "Host key verification failed.\r\n")
            << int(SshError::Kind::HostKeyUnknown);
        QTest::newRow("denied") << QByteArray("root@127.0.0.1: Permission denied (publickey,password,keyboard-interactive).\r\n")
                                << int(SshError::Kind::AuthenticationFailed);
        QTest::newRow("refused") << QByteArray("ssh: connect to host 127.0.0.1 port 1: Connection refused\r\n")
                                 << int(SshError::Kind::ConnectionFailed);
        QTest::newRow("dns") << QByteArray("ssh: Could not resolve hostname nonexistent.invalid: Name or service not known\r\n")
                             << int(SshError::Kind::ConnectionFailed);
        QTest::newRow("loop") << QByteArray("jumphost loop via 127.0.0.1\r\n") << int(SshError::Kind::ConnectionFailed);
        QTest::newRow("remote's own words") << QByteArray("cat: /etc/shadow: Permission denied\n") << int(SshError::Kind::None);
        QTest::newRow("nothing") << QByteArray() << int(SshError::Kind::None);
    }

    void kinds()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, kind);
        const SshError error = sshFailureFromStderr(text, u"vm1"_qs);
        QCOMPARE(int(error.kind), kind);
        QCOMPARE(error.isError(), kind != int(SshError::Kind::None));
        if (error.isError())
            QVERIFY(!error.message.isEmpty() && !error.detail.isEmpty());
    }

    void excerpt()
    {
        QCOMPARE(sshStderrExcerpt("one\n\ntwo\nthree\nfour\n", 2), u"three; four"_qs);
        QCOMPARE(sshStderrExcerpt(QByteArray(1000, 'x')).size(), 401);
    }
};

QTEST_APPLESS_MAIN(TestSshError)
#include "tst_ssherror.moc"
