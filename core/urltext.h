// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

/*!
 * A URL as it may be shown or stored. A package URL can carry a credential: a user and password
 * (https://user:secret@host/...) or a presigned query (?X-Amz-Signature=...). Every message, log
 * line, state record and preview names the URL through redactedUrl(), never as given; the URL
 * itself goes only where it is used (the VM's stdin, never its command line).
 */
namespace UrlText {

/*!
 * The text with the user information replaced by three asterisks and everything from the first
 * '?' or '#' on replaced by that character and three asterisks: user:pw@host/x.deb?sig=1 becomes
 * ***@host/x.deb?*** (the scheme kept).
 * Works on any text (an unparseable URL is redacted the same way), so error messages may use it
 * on what the user typed.
 */
QString redacted(const QString& url);

/*! Whether the text carries user information or a query (or fragment): what redacted() hides. */
bool hasHiddenParts(const QString& url);

} // namespace UrlText
