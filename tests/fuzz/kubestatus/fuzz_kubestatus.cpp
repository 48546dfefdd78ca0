// SPDX-License-Identifier: Apache-2.0
// Kubernetes Status bodies (kube/kubestatus.h): an error response of the API server turned into
// the user's message. The first two bytes give the HTTP status (400-599), the third the verb.
#include "fuzzsupport.h"
#include "kubestatus.h"

#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const QString verbs[] = {QStringLiteral("get"), QStringLiteral("list"), QStringLiteral("create"),
                                    QStringLiteral("apply"), QStringLiteral("delete"), QStringLiteral("watch"),
                                    QStringLiteral("patch"), QStringLiteral("update")};
    FuzzInput input(data, size);
    const int high = input.takeByte();
    const int httpStatus = 400 + (high * 256 + input.takeByte()) % 200;
    const QString& verb = verbs[input.takeByte() % 8];
    const QByteArray body = input.rest();
    const ObjectRef target{QStringLiteral("networking.istio.io/v1"), QStringLiteral("WorkloadGroup"),
                           QStringLiteral("chapter10vm"), QStringLiteral("envoydummy")};
    const KubeError error = errorFromResponse(httpStatus, body, verb, target);
    FUZZ_ASSERT(error.isError());
    FUZZ_ASSERT(!error.message.isEmpty());
    if (error.status) {
        (void)conflictManagersOf(*error.status);
        (void)describeForbidden(error.status->message);
    }
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        if (const std::optional<KubeStatus> status = KubeStatus::fromJson(document.object()))
            (void)conflictManagersOf(*status);
    }
    (void)describeForbidden(QString::fromUtf8(body));
    return 0;
}
