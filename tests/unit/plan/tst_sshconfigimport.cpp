// SPDX-License-Identifier: Apache-2.0
#include "sshconfigimport.h"

#include <QMap>
#include <QTest>

// The wizard's "Import from ~/.ssh/config": Host blocks only, tricky configs included.

Q_DECLARE_METATYPE(QList<SshConfigHost>)

namespace {
SshConfigHost host(const QString& alias, const QString& hostName = {}, const QString& user = {}, int port = 0,
                   const QString& jump = {}, const QString& identity = {})
{
    return SshConfigHost{alias, hostName, user, port, jump, identity};
}
} // namespace

class TestSshConfigImport final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QList<SshConfigHost>>("expected");

        QTest::newRow("empty") << QByteArray() << QList<SshConfigHost>{};
        QTest::newRow("one host") << QByteArray("Host web1\n  HostName 10.0.0.5\n  User debian\n  Port 2222\n")
                                  << QList<SshConfigHost>{host(u"web1"_qs, u"10.0.0.5"_qs, u"debian"_qs, 2222)};
        QTest::newRow("keywords any case, = separators")
            << QByteArray("HOST web1\n  hostname=10.0.0.5\n  USER = debian\n  pOrT= 22\n  identityfile ~/.ssh/id_ed25519\n")
            << QList<SshConfigHost>{host(u"web1"_qs, u"10.0.0.5"_qs, u"debian"_qs, 22, {}, u"~/.ssh/id_ed25519"_qs)};
        QTest::newRow("several names on a Host line")
            << QByteArray("Host a b c\n  User ops\n")
            << QList<SshConfigHost>{host(u"a"_qs, {}, u"ops"_qs), host(u"b"_qs, {}, u"ops"_qs), host(u"c"_qs, {}, u"ops"_qs)};
        QTest::newRow("wildcards skipped, names beside them kept")
            << QByteArray("Host *\n  User root\nHost web-* db?\n  Port 2200\nHost !bastion real *.example\n  Port 2201\n")
            << QList<SshConfigHost>{host(u"real"_qs, {}, {}, 2201)};
        QTest::newRow("Match blocks skipped")
            << QByteArray("Host a\n  User one\nMatch host a exec \"true\"\n  User two\n  Port 99\nHost b\n  Port 23\n")
            << QList<SshConfigHost>{host(u"a"_qs, {}, u"one"_qs), host(u"b"_qs, {}, {}, 23)};
        QTest::newRow("first value wins across blocks")
            << QByteArray("Host a\n  User first\nHost a b\n  User second\n  HostName shared\n")
            << QList<SshConfigHost>{host(u"a"_qs, u"shared"_qs, u"first"_qs), host(u"b"_qs, u"shared"_qs, u"second"_qs)};
        QTest::newRow("quotes and comments")
            << QByteArray("# a comment\nHost \"my vm\" plain # trailing\n\tIdentityFile \"/home/u/My Keys/id\"\n\n  ProxyJump ops@bastion:2222\n")
            << QList<SshConfigHost>{host(u"my vm"_qs, {}, {}, 0, u"ops@bastion:2222"_qs, u"/home/u/My Keys/id"_qs),
                                    host(u"plain"_qs, {}, {}, 0, u"ops@bastion:2222"_qs, u"/home/u/My Keys/id"_qs)};
        QTest::newRow("ProxyJump none, bad port")
            << QByteArray("Host a\n  ProxyJump none\n  Port 70000\n")
            << QList<SshConfigHost>{host(u"a"_qs)};
        QTest::newRow("options before any Host: global, not imported")
            << QByteArray("User everyone\nHost a\n  Port 2\n")
            << QList<SshConfigHost>{host(u"a"_qs, {}, {}, 2)};
        QTest::newRow("%h in HostName")
            << QByteArray("Host web1 web2\n  HostName %h.prod.example\n")
            << QList<SshConfigHost>{host(u"web1"_qs, u"web1.prod.example"_qs), host(u"web2"_qs, u"web2.prod.example"_qs)};
        QTest::newRow("CRLF line ends")
            << QByteArray("Host a\r\n  User u\r\n")
            << QList<SshConfigHost>{host(u"a"_qs, {}, u"u"_qs)};
    }

    void parse()
    {
        QFETCH(QByteArray, config);
        QFETCH(QList<SshConfigHost>, expected);
        const QList<SshConfigHost> got = SshConfigImport::parse(config, u"/home/u/.ssh"_qs);
        QCOMPARE(got.size(), expected.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].alias, expected[i].alias);
            QCOMPARE(got[i].hostName, expected[i].hostName);
            QCOMPARE(got[i].user, expected[i].user);
            QCOMPARE(got[i].port, expected[i].port);
            QCOMPARE(got[i].proxyJump, expected[i].proxyJump);
            QCOMPARE(got[i].identityFile, expected[i].identityFile);
        }
    }

    void includes()
    {
        const QMap<QString, QByteArray> files{
            {u"/home/u/.ssh/config.d/a.conf"_qs, "Host inc1\n  User x\n"},
            {u"/home/u/.ssh/config.d/b.conf"_qs, "Host inc2\n  Port 2022\n"},
            {u"/home/u/.ssh/extra"_qs, "Host extra\n  HostName 192.0.2.1\n"},
            {u"/home/u/.ssh/loop"_qs, "Include loop\nHost looped\n"},
        };
        int reads = 0;
        const SshConfigImport::FileReader reader = [&](const QString& path) -> std::optional<QByteArray> {
            ++reads;
            if (!files.contains(path))
                return std::nullopt;
            return files.value(path);
        };
        const SshConfigImport::GlobExpander glob = [&](const QString& pattern) {
            QStringList out;
            const QString prefix = pattern.left(pattern.indexOf(u'*'));
            for (const QString& key : files.keys()) {
                if (key.startsWith(prefix))
                    out.append(key);
            }
            return out;
        };
        const QByteArray config = "Include config.d/*.conf extra missing\nHost main\n  Include loop\n  User m\n";
        const QList<SshConfigHost> got = SshConfigImport::parse(config, u"/home/u/.ssh"_qs, reader, glob);
        QStringList aliases;
        for (const SshConfigHost& h : got)
            aliases.append(h.alias);
        QCOMPARE(aliases, (QStringList{u"inc1"_qs, u"inc2"_qs, u"extra"_qs, u"main"_qs, u"looped"_qs}));
        QCOMPARE(got[1].port, 2022);
        QCOMPARE(got[2].hostName, u"192.0.2.1"_qs);
        // After the include, the including Host block goes on: User applies to main only.
        QCOMPARE(got[3].user, u"m"_qs);
        QCOMPARE(got[4].user, QString());
        // The loop is bounded.
        QVERIFY(reads <= SshConfigImport::maxIncludeDepth + 4);
    }

    void toVm_data()
    {
        QTest::addColumn<QString>("alias");
        QTest::addColumn<QString>("hostName");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("address");
        QTest::newRow("plain") << u"web1"_qs << u"10.0.0.5"_qs << u"web1"_qs << u"10.0.0.5"_qs;
        QTest::newRow("no HostName: the alias") << u"web1"_qs << QString() << u"web1"_qs << u"web1"_qs;
        QTest::newRow("name made DNS-1123") << u"Web_1.prod"_qs << QString() << u"web-1-prod"_qs << u"Web_1.prod"_qs;
        QTest::newRow("nothing usable") << u"___"_qs << u"h"_qs << u"vm"_qs << u"h"_qs;
    }

    void toVm()
    {
        QFETCH(QString, alias);
        QFETCH(QString, hostName);
        QFETCH(QString, name);
        QFETCH(QString, address);
        const Vm vm = SshConfigImport::toVm(host(alias, hostName, u"u"_qs, 2200, u"j"_qs, u"k"_qs), u"g"_qs);
        QCOMPARE(vm.name, name);
        QCOMPARE(vm.address, address);
        QCOMPARE(vm.group, u"g"_qs);
        QCOMPARE(vm.ssh.user, u"u"_qs);
        QCOMPARE(vm.ssh.port, 2200);
        QCOMPARE(vm.ssh.jumpHost, u"j"_qs);
        QCOMPARE(vm.ssh.identityFile, u"k"_qs);
    }
};

QTEST_APPLESS_MAIN(TestSshConfigImport)
#include "tst_sshconfigimport.moc"
