// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

class QJsonObject;

/*!
 * YAML output the way Kubernetes tooling writes it (sigs.k8s.io/yaml over go-yaml v2), so that
 * files meshdeck generates read like `kubectl get -o yaml` and istioctl's own output:
 * - map keys in go-yaml's "natural" order (digits compared as numbers, non-letters first);
 * - sequences inside maps not indented ("- " under the parent key);
 * - strings that would read back as another type ("true", "80", "", "null", "1.29") double
 *   quoted; strings that cannot be plain ('{"a":1}', ": " inside, leading "- ") single quoted;
 *   strings with control characters double quoted with escapes; multi-line strings as literal
 *   blocks;
 * - whole-number doubles written as integers.
 * Every output parses back (yaml-cpp, kubectl) to the same value: tests/model/tst_yamlwriter.
 */
namespace YamlWriter {

/*!
 * One document, no leading "---", ending in a newline. Keys named in leadingKeys come first, in
 * that order, at every level (for files people read, such as the plan); the rest follow in
 * natural order.
 */
QString toYaml(const QJsonValue& value, const QStringList& leadingKeys = {});

/*! Several documents joined by "---" lines, as `kubectl apply -f` reads them. */
QString toMultiDocument(const QList<QJsonObject>& documents);

/*! go-yaml v2's key order: true if a sorts before b. */
bool naturalLess(const QString& a, const QString& b);

/*! A scalar as it would appear after "key: " (quoted as needed); for tests and highlighters. */
QString scalar(const QString& text);

} // namespace YamlWriter
