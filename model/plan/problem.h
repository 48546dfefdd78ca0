// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>

/*!
 * One thing wrong with an input (a plan file, a referenced PEM file, a kubeconfig), located
 * precisely enough for an editor to jump to it and worded so the user knows what to do.
 */
struct Problem
{
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    QString file;      //!< the file the problem is in (as the user named it)
    int line = 0;      //!< 1-based; 0 when unknown
    int column = 0;    //!< 1-based; 0 when unknown
    QString path;      //!< field path, e.g. "vmGroups[0].probe.httpGet.port"
    QString message;   //!< what is wrong
    QString hint;      //!< what to do about it

    bool isError() const { return severity == Severity::Error; }

    /*! "file:line:column: error: path: message (hint)", the form compilers and editors understand. */
    QString toString() const;

    friend bool operator==(const Problem&, const Problem&) = default;
};

using Problems = QList<Problem>;

bool hasErrors(const Problems& problems);
