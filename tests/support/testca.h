// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

/*!
 * A throwaway plug-in CA made with the openssl command line at test time, so that no private key
 * is ever committed: root-cert.pem, root-key.pem, ca-cert.pem (intermediate, signed by the root),
 * ca-key.pem and cert-chain.pem (intermediate + root), all in a temporary directory.
 */
class TestCa
{
public:
    TestCa() = default;

    /*! Empty when the CA was made, else why not (tests QSKIP on "openssl not found"). */
    QString create()
    {
        if (QStandardPaths::findExecutable(u"openssl"_qs).isEmpty())
            return u"openssl not found"_qs;
        if (!m_dir.isValid())
            return u"no temporary directory"_qs;
        const QString ext = path(u"ca.ext"_qs);
        QFile extFile(ext);
        if (!extFile.open(QIODevice::WriteOnly))
            return u"cannot write ca.ext"_qs;
        extFile.write("basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\n");
        extFile.close();

        const QStringList ec{u"-newkey"_qs, u"ec"_qs, u"-pkeyopt"_qs, u"ec_paramgen_curve:prime256v1"_qs,
                             u"-nodes"_qs};
        QString error = run(QStringList{u"req"_qs, u"-x509"_qs} + ec
                            + QStringList{u"-keyout"_qs, path(u"root-key.pem"_qs), u"-out"_qs,
                                          path(u"root-cert.pem"_qs), u"-days"_qs, u"2"_qs, u"-subj"_qs,
                                          u"/O=meshdeck test/CN=Root CA"_qs});
        if (error.isEmpty()) {
            error = run(QStringList{u"req"_qs} + ec
                        + QStringList{u"-keyout"_qs, path(u"ca-key.pem"_qs), u"-out"_qs, path(u"ca.csr"_qs),
                                      u"-subj"_qs, u"/O=meshdeck test/CN=Intermediate CA"_qs});
        }
        if (error.isEmpty()) {
            error = run(QStringList{u"x509"_qs, u"-req"_qs, u"-in"_qs, path(u"ca.csr"_qs), u"-CA"_qs,
                                    path(u"root-cert.pem"_qs), u"-CAkey"_qs, path(u"root-key.pem"_qs),
                                    u"-CAcreateserial"_qs, u"-out"_qs, path(u"ca-cert.pem"_qs), u"-days"_qs,
                                    u"2"_qs, u"-extfile"_qs, ext});
        }
        if (!error.isEmpty())
            return error;
        QFile chain(path(u"cert-chain.pem"_qs));
        if (!chain.open(QIODevice::WriteOnly))
            return u"cannot write cert-chain.pem"_qs;
        chain.write(read(u"ca-cert.pem"_qs) + read(u"root-cert.pem"_qs));
        return {};
    }

    QString path(const QString& name) const { return m_dir.filePath(name); }

    QByteArray read(const QString& name) const
    {
        QFile f(path(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    /*! SHA-256 of a certificate's DER as openssl itself computes it, to check ours against. */
    static QString opensslFingerprint(const QString& certPath)
    {
        QProcess p;
        p.start(u"openssl"_qs, {u"x509"_qs, u"-in"_qs, certPath, u"-noout"_qs, u"-fingerprint"_qs, u"-sha256"_qs});
        if (!p.waitForFinished(30000) || p.exitCode() != 0)
            return {};
        // "sha256 Fingerprint=AB:CD:..." (the prefix's case differs between OpenSSL versions)
        const QString out = QString::fromLatin1(p.readAllStandardOutput()).trimmed();
        return out.section(u'=', 1).remove(u':').toLower();
    }

private:
    QString run(const QStringList& args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(u"openssl"_qs, args);
        if (!p.waitForFinished(60000))
            return u"openssl timed out"_qs;
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return u"openssl %1 failed: %2"_qs.arg(args.constFirst(), QString::fromLocal8Bit(p.readAllStandardError()));
        return {};
    }

    QTemporaryDir m_dir;
};
