// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

struct Generated;

/*!
 * Writes an export directory:
 *   cluster/NN-<kind>-<name>.yaml  in apply order, and cluster/all.yaml (kubectl apply -f)
 *   istioctl/NN-istiooperator-<name>.yaml  (istioctl install -f)
 *   cleanup/all.yaml               (kubectl delete -f: reverse order, shared objects left out)
 *   vms/<vm>/{cluster.env,mesh.yaml,hosts,...}
 * The tree is built in a staging folder beside the target and moved into place, so a failure
 * leaves the previous export (or nothing) rather than a half-written one. An existing target
 * must be empty or an earlier meshdeck export (it holds .meshdeck-export).
 */
struct ExportResult
{
    QString error;       //!< empty = success
    QStringList written; //!< relative paths, in order
};

ExportResult exportGenerated(const Generated& generated, const QString& directory);

/*! cluster/all.yaml's text: every kubectl resource as one multi-document YAML. */
QByteArray kubectlDocument(const Generated& generated);

/*! "NN-<kind>-<name>.yaml" for the index-th of count files. */
QString exportFileName(int index, int count, const QString& kind, const QString& name);
