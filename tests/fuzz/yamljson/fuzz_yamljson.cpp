// SPDX-License-Identifier: Apache-2.0
// YamlJson (core/yamljson.h): YAML from the cluster read as JSON, bounded (the mesh ConfigMap,
// the proxy config annotation, a kubeconfig's exec extension). Both entry points.
#include "fuzzsupport.h"
#include "yamljson.h"

#include <QJsonArray>
#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString text = QString::fromUtf8(fuzzBytes(data, size));
    QString error;
    bool tooLarge = false;
    const std::optional<QJsonValue> value = YamlJson::parse(text, &error, &tooLarge);
    if (value) {
        FUZZ_ASSERT(!tooLarge);
        // What callers do with it: keep it as JSON.
        if (value->isObject())
            (void)QJsonDocument(value->toObject()).toJson(QJsonDocument::Compact);
        else if (value->isArray())
            (void)QJsonDocument(value->toArray()).toJson(QJsonDocument::Compact);
    } else {
        FUZZ_ASSERT(!error.isEmpty());
    }
    const YamlJson::MeshConfigFacts facts = YamlJson::meshConfig(text);
    (void)facts.ok();
    return 0;
}
