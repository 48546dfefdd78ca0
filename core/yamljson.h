// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

/*!
 * YAML read the way Kubernetes tooling reads it (sigs.k8s.io/yaml: YAML 1.1 scalars through
 * go-yaml v2, then JSON), for text that arrives from the cluster: the "mesh" key of ConfigMap
 * istio[-<rev>] is a YAML document inside a string; the plan's proxy config annotation; a
 * kubeconfig's exec extension. Bounded: 200,000 values and 64 levels, so nested aliases ("billion
 * laughs") are refused instead of expanded. yaml-cpp's types stay out of this header.
 */
namespace YamlJson {

/*! One YAML document as JSON; nullopt (and error set) when it is not valid YAML. */
std::optional<QJsonValue> parse(const QString& yaml, QString* error = nullptr, bool* tooLarge = nullptr);

/*! What `istioctl x workload entry configure` takes from a MeshConfig document. */
struct MeshConfigFacts
{
    QJsonObject defaultConfig; //!< MeshConfig.defaultConfig (ProxyConfig), as written
    QString trustDomain;       //!< MeshConfig.trustDomain ("" when unset)
    QString error;             //!< non-empty: the text is not a MeshConfig document

    bool ok() const { return error.isEmpty(); }
};

/*! Reads the "mesh" key of ConfigMap istio[-<rev>]. An empty text gives empty facts, no error. */
MeshConfigFacts meshConfig(const QString& meshYaml);

} // namespace YamlJson
