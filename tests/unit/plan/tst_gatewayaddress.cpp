// SPDX-License-Identifier: Apache-2.0
#include "gatewayaddress.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// The one rule by which preflight, the VM files and apply read the east-west gateway's address
// from its Service: istioctl's (ingress[0].ip, else externalIPs[0]), an IP or nothing, and a
// load balancer with a host name only told apart (istio#31624).

class TestGatewayAddress final : public QObject
{
    Q_OBJECT

private slots:
    void rule_data()
    {
        QTest::addColumn<QByteArray>("service");
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("hostname");
        QTest::addColumn<bool>("provisioned");
        QTest::newRow("pending") << QByteArray(R"({"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{}}})")
                                 << QString() << QString() << QString() << false;
        QTest::newRow("ingress IP") << QByteArray(R"({"status":{"loadBalancer":{"ingress":[{"ip":"198.18.0.2"}]}}})")
                                    << u"198.18.0.2"_qs << u"status.loadBalancer.ingress"_qs << QString() << true;
        QTest::newRow("ingress IPv6") << QByteArray(R"({"status":{"loadBalancer":{"ingress":[{"ip":"2001:db8::2"}]}}})")
                                      << u"2001:db8::2"_qs << u"status.loadBalancer.ingress"_qs << QString() << true;
        QTest::newRow("IP and host name: the IP") << QByteArray(R"({"status":{"loadBalancer":{"ingress":[{"ip":"198.18.0.2","hostname":"lb.example"}]}}})")
                                                  << u"198.18.0.2"_qs << u"status.loadBalancer.ingress"_qs << QString() << true;
        QTest::newRow("host name only") << QByteArray(R"({"status":{"loadBalancer":{"ingress":[{"hostname":"a1b2.elb.amazonaws.com"}]}}})")
                                        << QString() << QString() << u"a1b2.elb.amazonaws.com"_qs << true;
        QTest::newRow("externalIPs") << QByteArray(R"({"spec":{"externalIPs":["203.0.113.7","203.0.113.8"]}})")
                                     << u"203.0.113.7"_qs << u"spec.externalIPs"_qs << QString() << true;
        QTest::newRow("host name, externalIPs: the IP") << QByteArray(R"({"spec":{"externalIPs":["203.0.113.7"]},"status":{"loadBalancer":{"ingress":[{"hostname":"lb.example"}]}}})")
                                                        << u"203.0.113.7"_qs << u"spec.externalIPs"_qs << QString() << true;
        QTest::newRow("not an IP in ip") << QByteArray(R"({"status":{"loadBalancer":{"ingress":[{"ip":"lb.example"}]}}})")
                                         << QString() << QString() << QString() << false;
        QTest::newRow("only the second ingress has an IP: istioctl reads the first")
            << QByteArray(R"({"status":{"loadBalancer":{"ingress":[{"hostname":"lb.example"},{"ip":"198.18.0.2"}]}}})")
            << QString() << QString() << u"lb.example"_qs << true;
    }

    void rule()
    {
        QFETCH(QByteArray, service);
        QFETCH(QString, ip);
        QFETCH(QString, source);
        QFETCH(QString, hostname);
        QFETCH(bool, provisioned);
        const GatewayAddress address = GatewayAddress::of(QJsonDocument::fromJson(service).object());
        QCOMPARE(address.ip, ip);
        QCOMPARE(address.source, source);
        QCOMPARE(address.hostname, hostname);
        QCOMPARE(address.provisioned(), provisioned);
        QCOMPARE(address.hostnameOnly(), ip.isEmpty() && !hostname.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGatewayAddress)
#include "tst_gatewayaddress.moc"
