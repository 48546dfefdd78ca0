// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

struct Plan;

/*!
 * The mesh page's rules, without widgets: what keeps Next disabled, and Istio's sample
 * certificates (samples/certs of every release), which are refused unless the user ticks an
 * acknowledgement that shows the seed's warning (the plan's pluginCa.allowSampleCertificates).
 */
class MeshForm
{
public:
    /*!
     * The pluginCa fields ("rootCert", "caCert", "certChain") whose files hold one of Istio's
     * sample certificates, recognised by fingerprint (Pem::isIstioSampleCertificate). Reads the
     * files the plan names (small; missing files are simply not samples).
     */
    static QStringList sampleCertificateFields(const Plan& plan);

    /*! The installation guide's warning about the sample certificates, translated. */
    static QString sampleWarning();

    /*!
     * Why Next is blocked, in words; empty = complete. samples: sampleCertificateFields() of
     * the plan (passed in so the page reads the files once per change).
     */
    static QStringList problems(const Plan& plan, const QStringList& samples);
};
