// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "generation.h"

#include <QJsonObject>
#include <QString>

/*!
 * \file
 * How a wizard page shows what it will produce: resources as kubectl-ready YAML documents and
 * each VM's files under a comment naming the VM, the file and where it is installed. Secret data
 * is masked on screen (the export writes the real values). Pure, so the tests need no widgets.
 */
namespace PreviewText {

/*! A copy of object with a Secret's data and stringData values replaced by "<hidden: N bytes>". */
QJsonObject masked(const QJsonObject& object);

/*! note as "# " comment lines, then the resources (masked), then the VM files. */
QString render(const Generated& generated, const QString& note = {});

} // namespace PreviewText
