// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

struct Generated;
struct Resource;

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

/*! One file of an export: its path below the export folder, its bytes, and whether it holds key material. */
struct ExportEntry
{
    QString path;
    QByteArray content;
    bool secret = false; //!< written 0600
};

/*! Everything exportGenerated() writes, in order (what the export dialog lists, too). */
QList<ExportEntry> exportEntries(const Generated& generated);

/*! cluster/all.yaml's text: every kubectl resource as one multi-document YAML. */
QByteArray kubectlDocument(const Generated& generated);

/*! Resources as one multi-document YAML, in the given order, the way `kubectl apply -f` takes it. */
QByteArray multiDocument(const QList<Resource>& resources);

/*! "NN-<kind>-<name>.yaml" for the index-th of count files. */
QString exportFileName(int index, int count, const QString& kind, const QString& name);
