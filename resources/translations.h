// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace Translations {

/*! Installs on \\a app the translators for \\a locale: meshdeck's own (compiled into the binary
    from resources/translations/meshdeck_<lang>.ts) and Qt's (qtbase_<lang>.qm from Qt's
    translations folder, Debian's qt6-translations-l10n: the standard dialogs' buttons). Removes
    those it installed before, so a test can switch languages. Returns the languages meshdeck's
    own translation was found for (empty for English, the source language). */
QStringList install(QCoreApplication* app, const QLocale& locale);

/*! The languages meshdeck ships a translation for, as locale names ("zh_CN"). */
QStringList available();

} // namespace Translations
