// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to meshkube: one kubeconfig file's YAML turned into entries (yaml-cpp stays in the .cpp).

#include "kubeconfig.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

struct KubeconfigFileContent
{
    QList<KubeconfigCluster> clusters;
    QList<KubeconfigUser> users;
    QList<KubeconfigContext> contexts;
    QString currentContext;
    QStringList errors;   //!< the file cannot be used: "file:line:column: message"
    QStringList warnings; //!< entries skipped (no name)
};

/*!
 * Parses the text of the kubeconfig file at path (absolute). Relative paths in the entries are
 * resolved against path's directory. Structural faults (YAML syntax, a section that is not a
 * list, a name used twice in the file) are errors of the file, as kubectl reports them; a
 * field of the wrong type is a problem of its entry.
 */
KubeconfigFileContent parseKubeconfig(const QByteArray& text, const QString& path);
