// SPDX-License-Identifier: Apache-2.0
#include "yamlwriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace {

// go-yaml v2 resolves these plain scalars to non-strings (YAML 1.1 booleans and nulls).
bool isYaml11Keyword(const QString& s)
{
    static const QStringList words = {
        u"y"_qs, u"Y"_qs, u"yes"_qs, u"Yes"_qs, u"YES"_qs, u"n"_qs, u"N"_qs, u"no"_qs, u"No"_qs,
        u"NO"_qs, u"true"_qs, u"True"_qs, u"TRUE"_qs, u"false"_qs, u"False"_qs, u"FALSE"_qs,
        u"on"_qs, u"On"_qs, u"ON"_qs, u"off"_qs, u"Off"_qs, u"OFF"_qs, u"null"_qs, u"Null"_qs,
        u"NULL"_qs, u"~"_qs, u".inf"_qs, u".Inf"_qs, u".INF"_qs, u"-.inf"_qs, u"-.Inf"_qs,
        u"-.INF"_qs, u"+.inf"_qs, u"+.Inf"_qs, u"+.INF"_qs, u".nan"_qs, u".NaN"_qs, u".NAN"_qs,
    };
    return words.contains(s);
}

// Would a plain scalar with this text read back as a number (int, float, hex, octal, base 60)?
bool looksNumeric(const QString& s)
{
    static const QRegularExpression number(
        uR"(^[-+]?(0[bB][01_]+|0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.[0-9_]+([eE][-+]?[0-9]+)?|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$)"_qs);
    if (number.match(s).hasMatch())
        return true;
    // go-yaml v2 drops every '_' before parsing a scalar that starts with a digit or a sign:
    // "-_5" is -5, "0_x1F" is 31, "1e1_0" is 1e10.
    return !s.isEmpty() && (s.front().isDigit() || s.front() == u'-' || s.front() == u'+')
        && number.match(QString(s).remove(u'_')).hasMatch();
}

// YAML 1.1 timestamps, and the looser layouts go-yaml v2 also reads as times ("1999-1-1").
bool looksLikeTimestamp(const QString& s)
{
    static const QRegularExpression timestamp(
        uR"(^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)?$)"_qs);
    return timestamp.match(s).hasMatch();
}

bool resolvesToNonString(const QString& s)
{
    // "<<" is YAML 1.1's merge key, "=" its value key (PyYAML cannot even construct it).
    return s.isEmpty() || isYaml11Keyword(s) || looksNumeric(s) || looksLikeTimestamp(s) || s == u"<<" || s == u"=";
}

bool hasControlCharacters(const QString& s)
{
    return std::any_of(s.cbegin(), s.cend(), [](QChar c) {
        return (c.unicode() < 0x20 && c != u'\n') || c.unicode() == 0x7f
            || (c.unicode() >= 0x80 && c.unicode() < 0xa0) || c == QChar(0xfeff) || c == QChar(0x2028)
            || c == QChar(0x2029); // line and paragraph separators are line breaks in YAML 1.1
    });
}

// go-yaml's analysis of whether a scalar may be written plain in block context.
bool canBePlain(const QString& s)
{
    if (s.isEmpty() || s.startsWith(u"---") || s.startsWith(u"..."))
        return false;
    if (s.front().isSpace() || s.back().isSpace())
        return false;
    static const QString leadingIndicators = u"#,[]{}&*!|>'\"%@`"_qs;
    const QChar first = s.front();
    if (leadingIndicators.contains(first))
        return false;
    if ((first == u'-' || first == u'?' || first == u':') && (s.size() == 1 || s.at(1).isSpace()))
        return false;
    if (s.contains(u": ") || s.contains(u" #") || s.endsWith(u':') || s.contains(u'\t'))
        return false;
    return std::none_of(s.cbegin(), s.cend(), [](QChar c) { return c == u'\n' || c == u'\r'; });
}

QString doubleQuoted(const QString& s)
{
    QString out = u"\""_qs;
    for (const QChar c : s) {
        switch (c.unicode()) {
        case u'"': out += u"\\\""_qs; break;
        case u'\\': out += u"\\\\"_qs; break;
        case u'\n': out += u"\\n"_qs; break;
        case u'\t': out += u"\\t"_qs; break;
        case u'\r': out += u"\\r"_qs; break;
        case 0: out += u"\\0"_qs; break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f || (c.unicode() >= 0x80 && c.unicode() < 0xa0))
                out += u"\\x"_qs + QString::number(c.unicode(), 16).rightJustified(2, u'0');
            else if (c == QChar(0xfeff) || c == QChar(0x2028) || c == QChar(0x2029))
                out += u"\\u"_qs + QString::number(c.unicode(), 16).rightJustified(4, u'0'); // "\xfeff" would be \xfe + "ff"
            else
                out += c;
        }
    }
    return out + u'"';
}

QString singleQuoted(const QString& s)
{
    QString escaped = s;
    escaped.replace(u'\'', u"''"_qs);
    return u'\'' + escaped + u'\'';
}

QString numberText(double d)
{
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.007199254740992e15)
        return QString::number(static_cast<qint64>(d));
    if (std::isnan(d))
        return u".nan"_qs;
    if (std::isinf(d))
        return d > 0 ? u".inf"_qs : u"-.inf"_qs;
    return QString::number(d, 'g', 17);
}

bool isMultiLine(const QString& s)
{
    return s.contains(u'\n') && !hasControlCharacters(s) && !s.contains(u'\r');
}

QString literalBlock(const QString& s, int indent)
{
    // Chomping: "|" keeps one trailing newline, "|-" strips it, "|+" keeps several (and is
    // the only way to keep a text that is nothing but newlines: "|" would read back empty).
    QString indicator = u"|"_qs;
    if (!s.endsWith(u'\n'))
        indicator = u"|-"_qs;
    else if (s.size() == 1 || s.endsWith(u"\n\n"))
        indicator = u"|+"_qs;
    // A reader takes the indentation from the first non-empty line: when the text starts with
    // a space or a line break that guess is wrong, so state it (as libyaml does).
    if (s.front() == u' ' || s.front() == u'\n')
        indicator.insert(1, QString::number(2));
    const QString pad(indent, u' ');
    QString body;
    const QStringList lines = (s.endsWith(u'\n') ? s.chopped(1) : s).split(u'\n');
    for (const QString& line : lines)
        body += (line.isEmpty() ? QString() : pad + line) + u'\n';
    return indicator + u'\n' + body;
}

// The writer's state for one document.
struct Writer
{
    QStringList leadingKeys;
    QString out;
};

void writeValue(Writer& w, const QJsonValue& value, int indent);

QStringList sortedKeys(const Writer& w, const QJsonObject& object)
{
    QStringList keys = object.keys();
    std::sort(keys.begin(), keys.end(), [&w](const QString& a, const QString& b) {
        const qsizetype ia = w.leadingKeys.indexOf(a);
        const qsizetype ib = w.leadingKeys.indexOf(b);
        if (ia >= 0 || ib >= 0)
            return ia >= 0 && (ib < 0 || ia < ib);
        return YamlWriter::naturalLess(a, b);
    });
    return keys;
}

bool isEmptyCollection(const QJsonValue& v)
{
    return (v.isObject() && v.toObject().isEmpty()) || (v.isArray() && v.toArray().isEmpty());
}

// Writes "key: value" entries of a map at the given indentation. `firstInline` means the
// first entry continues a line already started (a sequence item's "- ").
void writeMap(Writer& w, const QJsonObject& object, int indent, bool firstInline)
{
    bool first = true;
    for (const QString& key : sortedKeys(w, object)) {
        if (!(first && firstInline))
            w.out += QString(indent, u' ');
        first = false;
        // An implicit key may be at most 1024 characters long (YAML 1.2, 7.4.2); like libyaml,
        // write keys over 128 bytes as explicit "? key" lines with the ":" on the next line.
        if (key.toUtf8().size() > 128)
            w.out += u"? "_qs + YamlWriter::scalar(key) + u'\n' + QString(indent, u' ') + u':';
        else
            w.out += YamlWriter::scalar(key) + u':';
        const QJsonValue v = object.value(key);
        if (v.isObject() && !isEmptyCollection(v)) {
            w.out += u'\n';
            writeMap(w, v.toObject(), indent + 2, false);
        } else if (v.isArray() && !isEmptyCollection(v)) {
            w.out += u'\n';
            writeValue(w, v, indent); // sequences under a key are not indented (kubectl style)
        } else if (v.isString() && isMultiLine(v.toString())) {
            w.out += u' ' + literalBlock(v.toString(), indent + 2);
        } else {
            w.out += u' ';
            writeValue(w, v, indent + 2);
        }
    }
}

void writeSequence(Writer& w, const QJsonArray& array, int indent)
{
    for (const QJsonValue& item : array) {
        w.out += QString(indent, u' ') + u"- "_qs;
        if (item.isObject() && !isEmptyCollection(item)) {
            writeMap(w, item.toObject(), indent + 2, true);
        } else if (item.isArray() && !isEmptyCollection(item)) {
            // A nested sequence starts on the item's line: "- - a".
            Writer nested{w.leadingKeys, {}};
            writeSequence(nested, item.toArray(), indent + 2);
            w.out += nested.out.mid(indent + 2);
        } else if (item.isString() && isMultiLine(item.toString())) {
            w.out += literalBlock(item.toString(), indent + 2);
        } else {
            writeValue(w, item, indent + 2);
        }
    }
}

void writeValue(Writer& w, const QJsonValue& value, int indent)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        w.out += u"null\n"_qs;
        return;
    case QJsonValue::Bool:
        w.out += value.toBool() ? u"true\n"_qs : u"false\n"_qs;
        return;
    case QJsonValue::Double:
        w.out += numberText(value.toDouble()) + u'\n';
        return;
    case QJsonValue::String:
        w.out += YamlWriter::scalar(value.toString()) + u'\n';
        return;
    case QJsonValue::Array:
        if (value.toArray().isEmpty())
            w.out += u"[]\n"_qs;
        else
            writeSequence(w, value.toArray(), indent);
        return;
    case QJsonValue::Object:
        if (value.toObject().isEmpty())
            w.out += u"{}\n"_qs;
        else
            writeMap(w, value.toObject(), indent, false);
        return;
    }
}

} // namespace

namespace YamlWriter {

QString scalar(const QString& text)
{
    if (hasControlCharacters(text) || text.contains(u'\n') || text.contains(u'\r'))
        return doubleQuoted(text);
    if (resolvesToNonString(text))
        return doubleQuoted(text);
    if (!canBePlain(text))
        return singleQuoted(text);
    return text;
}

QString toYaml(const QJsonValue& value, const QStringList& leadingKeys)
{
    Writer w{leadingKeys, {}};
    writeValue(w, value, 0);
    return w.out;
}

QString toMultiDocument(const QList<QJsonObject>& documents)
{
    QString out;
    for (qsizetype i = 0; i < documents.size(); ++i) {
        if (i > 0)
            out += u"---\n"_qs;
        out += toYaml(documents.at(i));
    }
    return out;
}

bool naturalLess(const QString& a, const QString& b)
{
    // go-yaml v2 keyList.Less: runs of digits compare as numbers, non-letters sort before
    // letters, otherwise code point order.
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ca = a.at(i);
        const QChar cb = b.at(i);
        if (ca == cb)
            continue;
        const bool al = ca.isLetter();
        const bool bl = cb.isLetter();
        if (al && bl)
            return ca < cb;
        if (al || bl)
            return bl;
        qint64 an = 0;
        qint64 bn = 0;
        if (ca == u'0' || cb == u'0') {
            for (qsizetype j = i - 1; j >= 0 && a.at(j).isDigit(); --j) {
                if (a.at(j) != u'0') {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        qsizetype ai = i;
        qsizetype bi = i;
        for (; ai < a.size() && a.at(ai).isDigit(); ++ai)
            an = an * 10 + (a.at(ai).unicode() - u'0');
        for (; bi < b.size() && b.at(bi).isDigit(); ++bi)
            bn = bn * 10 + (b.at(bi).unicode() - u'0');
        if (an != bn)
            return an < bn;
        if (ai != bi)
            return ai < bi;
        return ca < cb;
    }
    return a.size() < b.size();
}

} // namespace YamlWriter
