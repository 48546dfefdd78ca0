// SPDX-License-Identifier: Apache-2.0
#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace Translations {

namespace {
const QString ownPath = u":/i18n"_qs;
QList<QPointer<QTranslator>> installed;
} // namespace

QStringList install(QCoreApplication* app, const QLocale& locale)
{
    for (const QPointer<QTranslator>& translator : std::as_const(installed)) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    installed.clear();

    QStringList found;
    auto* qt = new QTranslator(app);
    if (qt->load(locale, u"qtbase"_qs, u"_"_qs, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed.append(qt);
    } else {
        delete qt;
    }
    auto* own = new QTranslator(app);
    if (own->load(locale, u"meshdeck"_qs, u"_"_qs, ownPath)) {
        QCoreApplication::installTranslator(own);
        installed.append(own);
        found.append(own->language());
    } else {
        delete own;
    }
    return found;
}

QStringList available()
{
    QStringList names;
    const QStringList files = QDir(ownPath).entryList({u"meshdeck_*.qm"_qs}, QDir::Files, QDir::Name);
    for (const QString& file : files)
        names.append(file.mid(9, file.size() - 9 - 3));
    return names;
}

} // namespace Translations
