// SPDX-License-Identifier: Apache-2.0
#include "counttext.h"

QString countText(qsizetype n, const QString& singular, const QString& plural)
{
    return QString::number(n) + u' ' + (n == 1 ? singular : plural);
}
