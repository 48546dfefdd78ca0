// SPDX-License-Identifier: Apache-2.0
#include "exporter.h"
#include "generation.h"
ExportResult exportGenerated(const Generated&, const QString&) { return {}; }
QByteArray kubectlDocument(const Generated&) { return {}; }
QString exportFileName(int, int, const QString&, const QString&) { return {}; }
