// SPDX-License-Identifier: Apache-2.0
#pragma once

// Helpers shared by the kube/ client tests: recorded fixtures and a scripted credential provider.

#include "restconfig.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <functional>

namespace KubeTest {

/*! A fixture from tests/data/kube/ (empty when missing, which the tests then notice). */
inline QByteArray fixture(const QString& name)
{
    QFile file(QStringLiteral(MESHDECK_TEST_SOURCE_DIR "/tests/data/kube/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/*! Hands out a token; refresh = true moves to the next one (a rotated exec credential). */
class ScriptedCredentials final : public CredentialProvider
{
public:
    explicit ScriptedCredentials(QList<QByteArray> tokens)
        : m_tokens(std::move(tokens))
    {
    }
    void obtain(bool refresh, QObject* context, Callback done) override
    {
        Q_UNUSED(context)
        ++calls;
        if (refresh) {
            ++refreshes;
            if (m_index + 1 < m_tokens.size())
                ++m_index;
        }
        CredentialsResult result;
        result.credentials.bearerToken = m_tokens.value(m_index);
        if (result.credentials.bearerToken.isEmpty())
            result.error = QStringLiteral("the exec plugin of user scripted failed: no token");
        done(result);
    }
    int calls = 0;
    int refreshes = 0;

private:
    QList<QByteArray> m_tokens;
    qsizetype m_index = 0;
};

} // namespace KubeTest
