// SPDX-License-Identifier: Apache-2.0
// Security review M6: the process meshdeck runs in writes no core dump (not dumpable,
// RLIMIT_CORE 0), and a wipe zeroes a secret's bytes where they are, never a detached copy while
// the shared ones stay.
#include "secrets.h"

#include <QTest>

#include <sys/prctl.h>
#include <sys/resource.h>

class TestSecrets final : public QObject
{
    Q_OBJECT

private slots:
    void disableCoreDumpsMakesTheProcessNonDumpable()
    {
        QCOMPARE(Secrets::disableCoreDumps(), QString());
        QCOMPARE(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
        rlimit core{};
        QCOMPARE(::getrlimit(RLIMIT_CORE, &core), 0);
        QCOMPARE(core.rlim_cur, rlim_t(0));
        QCOMPARE(core.rlim_max, rlim_t(0)); // children cannot raise it again
        QCOMPARE(Secrets::disableCoreDumps(), QString()); // again: nothing to refuse
    }

    void wipeZeroesTheOnlyCopyInPlace()
    {
        QByteArray secret = QByteArrayLiteral("S3CR3T-sudo-password");
        secret.detach(); // its own buffer, as a password read from a terminal has
        const char* bytes = secret.constData();
        const qsizetype size = secret.size();
        Secrets::wipe(secret);
        QVERIFY(secret.isEmpty());
        QCOMPARE(secret.constData(), bytes); // the same buffer, still allocated, zeroed
        QCOMPARE(QByteArray(bytes, size), QByteArray(size, '\0'));
    }

    void wipeOfASharedBufferLeavesItToTheLastHolder()
    {
        // QByteArray::fill('\0') here would detach: zero a fresh copy, leave the shared bytes.
        QByteArray owner = QByteArrayLiteral("S3CR3T-token");
        owner.detach();
        QByteArray copy = owner; // e.g. a request's copy of the fleet's password
        Secrets::wipe(copy);
        QVERIFY(copy.isEmpty());
        QCOMPARE(owner, QByteArrayLiteral("S3CR3T-token")); // still in use there
        QVERIFY(owner.isDetached());
        const char* bytes = owner.constData();
        Secrets::wipe(owner); // the last holder: zeroed in place
        QCOMPARE(QByteArray(bytes, 12), QByteArray(12, '\0'));
    }

    void wipeOfNothingIsHarmless()
    {
        QByteArray none;
        Secrets::wipe(none);
        QVERIFY(none.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
