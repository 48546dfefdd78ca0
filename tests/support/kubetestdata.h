// SPDX-License-Identifier: Apache-2.0
#pragma once

// Test material for the kubeconfig and credential tests: a throw-away CA and a client
// certificate/key it signed (EC P-256, CN=alice, O=system:masters), made with the openssl command
// line when a test first asks for it, so that no key is ever committed.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace KubeTestData {

struct Material
{
    QByteArray ca;
    QByteArray clientCertificate;
    QByteArray clientKey;
};

inline const Material& material()
{
    static const Material made = [] {
        QTemporaryDir dir;
        const auto openssl = [&dir](const QStringList& args) {
            QProcess p;
            p.setWorkingDirectory(dir.path());
            p.start(QStringLiteral("openssl"), args);
            if (!p.waitForFinished(60000) || p.exitCode() != 0)
                qFatal("openssl %s failed: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
        };
        const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                             QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
        openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec
                + QStringList{QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.crt"),
                              QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=meshdeck-test-ca")});
        openssl(QStringList{QStringLiteral("req")} + ec
                + QStringList{QStringLiteral("-keyout"), QStringLiteral("alice.key"), QStringLiteral("-out"), QStringLiteral("alice.csr"),
                              QStringLiteral("-subj"), QStringLiteral("/O=system:masters/CN=alice")});
        openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("alice.csr"),
                 QStringLiteral("-CA"), QStringLiteral("ca.crt"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                 QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-out"),
                 QStringLiteral("alice.crt")});
        const auto read = [&dir](const QString& name) {
            QFile f(dir.filePath(name));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        return Material{read(QStringLiteral("ca.crt")), read(QStringLiteral("alice.crt")), read(QStringLiteral("alice.key"))};
    }();
    return made;
}

inline QByteArray caPem() { return material().ca; }
inline QByteArray clientCertificatePem() { return material().clientCertificate; }
inline QByteArray clientKeyPem() { return material().clientKey; }

/*! Writes text to dir/relative (creating folders); returns the absolute path. */
inline QString writeFile(const QString& dir, const QString& relative, const QByteArray& text,
                         bool executable = false)
{
    const QString path = QDir(dir).absoluteFilePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(text);
    file.close();
    if (executable)
        file.setPermissions(file.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    return path;
}

} // namespace KubeTestData
