// SPDX-License-Identifier: Apache-2.0
#include "meshform.h"

#include "istioversion.h"
#include "pem.h"
#include "plan.h"
#include "validation.h"

#include <QCoreApplication>
#include <QFile>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("MeshForm", text);
}

QByteArray readSmall(const QString& path)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return {};
    return file.read(256 * 1024);
}

} // namespace

QStringList MeshForm::sampleCertificateFields(const Plan& plan)
{
    QStringList out;
    if (!plan.pluginCa)
        return out;
    const std::pair<const char*, QString> files[] = {
        {"rootCert", plan.pluginCa->rootCert},
        {"caCert", plan.pluginCa->caCert},
        {"certChain", plan.pluginCa->certChain},
    };
    for (const auto& [field, path] : files) {
        if (!path.isEmpty() && Pem::isIstioSampleCertificate(readSmall(plan.resolvePath(path))))
            out.append(QString::fromLatin1(field));
    }
    return out;
}

QString MeshForm::sampleWarning()
{
    // The seed's warning (Istio's "Virtual Machine Installation", samples/certs).
    return tr("The root and intermediate certificates from the samples directory are widely distributed and known. "
              "Do not use these certificates in production as your clusters would then be open to security "
              "vulnerabilities and compromise.");
}

QStringList MeshForm::problems(const Plan& plan, const QStringList& samples)
{
    QStringList out;
    if (!IstioVersion::parse(plan.mesh.istioVersion))
        out.append(tr("Istio version: \"%1\" is not a version such as 1.29 or 1.29.2.").arg(plan.mesh.istioVersion));
    if (!plan.mesh.revision.isEmpty()) {
        if (const QString p = Validation::dns1123LabelProblem(plan.mesh.revision); !p.isEmpty())
            out.append(tr("Revision: %1").arg(p));
    }
    if (const QString p = Validation::dns1123LabelProblem(plan.mesh.istioNamespace); !p.isEmpty())
        out.append(tr("Istio namespace: %1").arg(p));
    if (plan.mesh.trustDomain.trimmed().isEmpty())
        out.append(tr("Trust domain: give one (cluster.local is Istio's default)."));
    if (plan.pluginCa) {
        const PluginCa& ca = *plan.pluginCa;
        if (ca.rootCert.isEmpty() || ca.caCert.isEmpty() || ca.caKey.isEmpty() || ca.certChain.isEmpty())
            out.append(tr("Plug-in CA: choose all four files (root certificate, CA certificate, CA key, chain)."));
        if (!samples.isEmpty() && !ca.allowSampleCertificates)
            out.append(tr("Plug-in CA: %1 is one of Istio's sample certificates. Choose your own CA, or tick the "
                          "acknowledgement for a throwaway lab.")
                           .arg(samples.join(u", "_qs)));
    }
    return out;
}
