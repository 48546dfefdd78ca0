// SPDX-License-Identifier: Apache-2.0
// The YAML emitter: go-yaml v2's key order and layout (what kubectl and istioctl print), a
// quoting that never lets a string read back as another type, and above all a round trip: every
// value written parses back (yaml-cpp) to exactly the same value.
#include "yamlwriter.h"

#include <yaml-cpp/yaml.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTest>

namespace {

bool fullMatch(const QString& pattern, const QString& text)
{
    const QRegularExpression re(u"^(?:"_qs + pattern + u")$"_qs);
    Q_ASSERT(re.isValid());
    return re.match(text).hasMatch();
}

// --- Three independent readings of a plain scalar, straight from the specifications ----------
// The writer must quote a string whenever any of them would read the plain text as something
// other than a string: YAML 1.2 (yaml-cpp, most new tools), YAML 1.1 (PyYAML, Ansible) and
// go-yaml v2 (kubectl, istioctl via sigs.k8s.io/yaml).

enum class Type { String, Null, Bool, Int, Float, Other };

// YAML 1.2.2, 10.3.2 "Tag Resolution" (core schema).
Type yaml12Core(const QString& s)
{
    if (s.isEmpty() || fullMatch(u"null|Null|NULL|~"_qs, s))
        return Type::Null;
    if (fullMatch(u"true|True|TRUE|false|False|FALSE"_qs, s))
        return Type::Bool;
    if (fullMatch(u"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"_qs, s))
        return Type::Int;
    if (fullMatch(uR"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?(\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN)"_qs, s))
        return Type::Float;
    return Type::String;
}

// YAML 1.1 type repository (yaml.org/type): bool, null, int, float, timestamp, merge, value.
// The float regex there also matches "." and "1.2.3", which no implementation reads as a
// number; this uses PyYAML's corrected form, the 1.1 reader people actually meet.
Type yaml11(const QString& s)
{
    if (s.isEmpty() || fullMatch(u"~|null|Null|NULL"_qs, s))
        return Type::Null;
    if (fullMatch(u"y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"_qs, s))
        return Type::Bool;
    if (fullMatch(u"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"_qs, s))
        return Type::Int;
    if (fullMatch(uR"([-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?|\.[0-9_]+([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))"_qs, s))
        return Type::Float;
    if (fullMatch(uR"([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?([ \t]*Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)"_qs, s))
        return Type::Other; // timestamp
    if (s == u"<<" || s == u"=")
        return Type::Other; // merge key, value key
    return Type::String;
}

// go-yaml v2 resolve.go: a keyword table, then by the first character: '.' tries a float,
// digits and signs try (with '_' removed) Go's ParseInt with base prefixes 0x/0X/0o/0O/0b/0B/0,
// a YAML-style float, and a timestamp in Go's "2006-1-2[T15:4:5[.9]Z07:00]" layouts.
Type goYamlV2(const QString& s)
{
    if (s.isEmpty() || fullMatch(u"~|null|Null|NULL"_qs, s))
        return Type::Null;
    if (fullMatch(u"y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE|n|N|no|No|NO|off|Off|OFF|false|False|FALSE"_qs, s))
        return Type::Bool;
    if (fullMatch(uR"(\.nan|\.NaN|\.NAN|[-+]?\.inf|[-+]?\.Inf|[-+]?\.INF)"_qs, s))
        return Type::Float;
    if (s == u"<<")
        return Type::Other;
    const QChar first = s.front();
    if (first == u'.')
        return fullMatch(uR"(\.[0-9]+([eE][-+]?[0-9]+)?)"_qs, s) ? Type::Float : Type::String;
    if (!first.isDigit() && first != u'-' && first != u'+')
        return Type::String;
    if (fullMatch(uR"([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2})| [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?)?)"_qs, s))
        return Type::Other;
    const QString plain = QString(s).remove(u'_');
    if (fullMatch(u"[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)"_qs, plain))
        return Type::Int;
    if (fullMatch(uR"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)"_qs, plain))
        return Type::Float;
    return Type::String;
}

// --- yaml-cpp's tree back to JSON, resolving plain scalars by the YAML 1.2 core schema --------

// QString::fromStdString drops a leading U+FEFF; a scalar may really start with one.
QString textOf(const YAML::Node& node)
{
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::ConvertInitialBom);
    return decoder(QByteArrayView(node.Scalar().data(), qsizetype(node.Scalar().size())));
}

struct Reader
{
    QStringList failures; // plain strings some reader would not take for strings

    QString stringOf(const YAML::Node& node)
    {
        const QString text = textOf(node);
        if (node.Tag() == "?") {
            if (yaml11(text) != Type::String)
                failures.append(u"plain \""_qs + text + u"\" is not a string in YAML 1.1"_qs);
            if (goYamlV2(text) != Type::String)
                failures.append(u"plain \""_qs + text + u"\" is not a string for go-yaml v2"_qs);
        }
        return text;
    }

    QJsonValue scalarValue(const YAML::Node& node)
    {
        const QString text = textOf(node);
        if (node.Tag() != "?") // quoted or block: a string whatever it says ("!" in yaml-cpp)
            return text;
        switch (yaml12Core(text)) {
        case Type::Null:
            return QJsonValue::Null;
        case Type::Bool:
            return text.compare(u"true"_qs, Qt::CaseInsensitive) == 0;
        case Type::Int:
            if (text.startsWith(u"0x"))
                return double(text.mid(2).toLongLong(nullptr, 16));
            if (text.startsWith(u"0o"))
                return double(text.mid(2).toLongLong(nullptr, 8));
            return text.toDouble();
        case Type::Float:
            return text.toDouble();
        case Type::String:
        case Type::Other:
            break;
        }
        return stringOf(node);
    }

    QJsonValue toJson(const YAML::Node& node)
    {
        switch (node.Type()) {
        case YAML::NodeType::Null:
            return QJsonValue::Null;
        case YAML::NodeType::Scalar:
            return scalarValue(node);
        case YAML::NodeType::Sequence: {
            QJsonArray a;
            for (const YAML::Node& item : node)
                a.append(toJson(item));
            return a;
        }
        case YAML::NodeType::Map: {
            QJsonObject o;
            for (auto it = node.begin(); it != node.end(); ++it) {
                if (!it->first.IsScalar()) {
                    failures.append(u"a non-scalar key"_qs);
                    continue;
                }
                const QString key = stringOf(it->first);
                if (o.contains(key))
                    failures.append(u"duplicate key "_qs + key);
                o.insert(key, toJson(it->second));
            }
            return o;
        }
        case YAML::NodeType::Undefined:
            break;
        }
        failures.append(u"an undefined node"_qs);
        return QJsonValue::Undefined;
    }
};

// Parses one document; on a syntax error returns Undefined and says why in *error.
QJsonValue parse(const QString& yaml, QStringList* failures)
{
    try {
        Reader reader;
        const QJsonValue value = reader.toJson(YAML::Load(yaml.toStdString()));
        *failures += reader.failures;
        return value;
    } catch (const YAML::Exception& e) {
        failures->append(u"yaml-cpp: "_qs + QString::fromStdString(e.what()));
        return QJsonValue::Undefined;
    }
}

QString show(const QJsonValue& v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
}

// Strings that have broken YAML emitters somewhere: indicators, keywords in every case,
// numbers of every shape, whitespace at the edges, line breaks, control characters, unicode.
QStringList hostileStrings()
{
    QStringList corpus = {
        // quotes and backslashes
        u"'"_qs, u"\""_qs, u"''"_qs, u"\"\""_qs, u"it's"_qs, u"say \"hi\""_qs, u"'quoted'"_qs, u"\"dq\""_qs,
        u"\\"_qs, u"\\\\"_qs, u"C:\\path\\n"_qs, u"a\\nb"_qs, u"\\x41"_qs, u"\\\"'"_qs,
        // colons, hashes and other indicators
        u":"_qs, u"::"_qs, u"a:"_qs, u":a"_qs, u"a: b"_qs, u"a :b"_qs, u"a:b"_qs, u"key: value: more"_qs,
        u"http://example.com:8080/path?q=1#frag"_qs, u"#"_qs, u"#a"_qs, u"a #b"_qs, u"a#b"_qs, u"# comment"_qs,
        u"-"_qs, u"--"_qs, u"---"_qs, u"--- a"_qs, u"-a"_qs, u"- a"_qs, u"- - a"_qs, u"--flag=value"_qs,
        u"..."_qs, u"...a"_qs, u"?"_qs, u"? a"_qs, u"?a"_qs, u"|"_qs, u"|a"_qs, u"|-"_qs, u">"_qs, u">-"_qs,
        u"!"_qs, u"!!str"_qs, u"!tag x"_qs, u"&"_qs, u"&anchor"_qs, u"*"_qs, u"*alias"_qs, u"%"_qs,
        u"%YAML 1.2"_qs, u"@"_qs, u"@x"_qs, u"`"_qs, u"`x`"_qs, u","_qs, u"a,b"_qs, u",a"_qs, u"["_qs, u"]"_qs,
        u"[a]"_qs, u"[a, b]"_qs, u"{"_qs, u"}"_qs, u"{a: b}"_qs, u"{\"a\":1}"_qs, u"a{b}"_qs, u"a[0]"_qs,
        u"<<"_qs, u"="_qs, u"a=b"_qs, u"$HOME"_qs, u"${VAR}"_qs, u"$(id)"_qs, u"~user"_qs, u"~/x"_qs,
        u"a\" #b"_qs, u"a' b"_qs,
        // whitespace at the edges
        u" "_qs, u"  "_qs, u" lead"_qs, u"trail "_qs, u" both "_qs, u"a  b"_qs,
        // line breaks: literal blocks with every chomping, and the odd ones
        u"\n"_qs, u"\n\n"_qs, u"\n\n\n"_qs, u"a\n"_qs, u"a"_qs, u"\na"_qs, u"a\nb"_qs, u"a\nb\n"_qs,
        u"a\n\n"_qs, u"a\n\nb"_qs, u"a\n\n\n"_qs, u"\n a"_qs, u"\n\n  a\nb"_qs, u" a\nb"_qs, u"  a\n b\n"_qs,
        u"a\n b"_qs, u"a \nb"_qs, u"a\n \nb"_qs, u" \n"_qs, u"\n "_qs, u"a\n#b"_qs, u"a\n---\nb"_qs,
        u"a\n...\n"_qs, u"- a\n- b\n"_qs, u"a: 1\nb: 2\n"_qs, u"a\r\nb"_qs, u"a\rb"_qs, u"\r"_qs,
        u"#!/bin/sh\nset -eu\necho \"$1\" | tr a b\n"_qs,
        // tabs and control characters
        u"\t"_qs, u"a\tb"_qs, u"\ta"_qs, u"a\t"_qs, u"a\n\tb"_qs, QString(QChar(0)), u"a"_qs + QChar(0) + u"b"_qs,
        u"\x01"_qs, u"\x1b[31mred\x1b[0m"_qs, u"\x7f"_qs, u"bell\x07"_qs, u"\x1f"_qs,
        QString(QChar(0x85)), QString(QChar(0x9f)), QString(QChar(0xfeff)) + u"bom"_qs,
        // unicode
        u"日本語"_qs, u"café"_qs, u"Ünïcödé: ✓"_qs, u"😀 emoji"_qs, u"a\u00a0b"_qs, u"\u00a0lead"_qs,
        u"a\u2028b"_qs, u"a\u2029b"_qs, u"מזהה"_qs, u"Ω≈ç√∫"_qs,
        // numbers of every shape
        u"0"_qs, u"00"_qs, u"007"_qs, u"08"_qs, u"09"_qs, u"0."_qs, u".5"_qs, u"+5"_qs, u"-5"_qs, u"+.5"_qs,
        u"-.5"_qs, u"1_000"_qs, u"1__0"_qs, u"-_5"_qs, u"+_5"_qs, u"1_"_qs, u"_1"_qs, u"0x1F"_qs, u"0X1F"_qs,
        u"0x_1F"_qs, u"0_x1F"_qs, u"-0x1F"_qs, u"0o17"_qs, u"0O17"_qs, u"0b101"_qs, u"0B101"_qs, u"-0b101"_qs,
        u"1e3"_qs, u"1E3"_qs, u"1e+3"_qs, u"1e-3"_qs, u"1.5e3"_qs, u"1e1_0"_qs, u"1_e3"_qs, u".5e3"_qs,
        u"12:30"_qs, u"1:20:30"_qs, u"1:70"_qs, u"190:20:30.15"_qs, u"-12:30"_qs, u"80"_qs, u"65535"_qs,
        u"1.29"_qs, u"1.29.0"_qs, u"1.2.3.4"_qs, u"10.0.0.1"_qs, u"-0"_qs, u"+0"_qs, u"0.0"_qs, u"1e"_qs,
        u"e3"_qs, u"0x"_qs, u"0b"_qs, u"0o"_qs, u"1,000"_qs, u"1 000"_qs, u"123456789012345678901234567890"_qs,
        u"0xFFFFFFFFFFFFFFFFFFFF"_qs, u"3.14159265358979323846"_qs, u"."_qs, u"._"_qs, u"._5"_qs,
        u".inf"_qs, u"-.inf"_qs, u"+.inf"_qs, u".Inf"_qs, u"-.INF"_qs, u".nan"_qs, u".NaN"_qs, u".NAN"_qs,
        u".Nan"_qs, u"inf"_qs, u"+inf"_qs, u"-Infinity"_qs, u"Infinity"_qs, u"nan"_qs, u"NaN"_qs, u"+nan"_qs,
        u"0x1p-2"_qs, u"1.0e+100"_qs, u"127.255.0.0/16"_qs, u"15021"_qs, u"8080:80"_qs,
        // dates and times
        u"2001-12-14"_qs, u"2001-12-14t21:59:43.10-05:00"_qs, u"2001-12-14 21:59:43.10 -5"_qs,
        u"2001-12-15T02:59:43.1Z"_qs, u"1999-1-1"_qs, u"2024-13-45"_qs, u"20:03:20"_qs, u"2001-12"_qs,
        // Kubernetes-ish values
        u"istio-system"_qs, u"topology.istio.io/network"_qs, u"ISTIO_META_WORKLOAD_NAME"_qs,
        u"{\"ISTIO_VERSION\":\"1.29.2\"}"_qs, u"*.global"_qs, u"*.example.com"_qs, u"spiffe://cluster.local/ns/vm/sa/default"_qs,
        u"%{REQ(:authority)}%"_qs, u"[%START_TIME%] \"%REQ(:METHOD)%\""_qs,
    };
    // YAML keywords in every case
    const QStringList words = {u"true"_qs, u"false"_qs, u"yes"_qs, u"no"_qs, u"on"_qs, u"off"_qs, u"y"_qs, u"n"_qs,
                               u"null"_qs, u"~"_qs, u".inf"_qs, u".nan"_qs, u"none"_qs};
    for (const QString& w : words) {
        QString mixed = w;
        for (qsizetype i = 0; i < mixed.size(); i += 2)
            mixed[i] = mixed.at(i).toUpper();
        QString capital = w;
        for (QChar& c : capital) {
            if (c.isLetter()) {
                c = c.toUpper();
                break;
            }
        }
        corpus << w << w.toUpper() << capital << mixed << (u"-"_qs + w) << (u"+"_qs + w) << (w + u" "_qs)
               << (u"\""_qs + w + u"\""_qs);
    }
    // very long strings
    corpus << QString(10000, u'x') << QString(3000, u' ') + u"x"_qs << (QString(5000, u'a') + u": "_qs + QString(5000, u'b'));
    QString manyLines;
    for (int i = 0; i < 1000; ++i)
        manyLines += u"line "_qs + QString::number(i) + (i % 7 == 0 ? u" with: colon #hash"_qs : QString()) + u'\n';
    corpus << manyLines << manyLines.chopped(1) << (manyLines + u'\n');
    QString longWords;
    for (int i = 0; i < 800; ++i)
        longWords += u"word"_qs + QString::number(i) + u' ';
    corpus << longWords.trimmed();
    corpus.removeDuplicates();
    return corpus;
}

// A deterministic random JSON tree over the corpus, for the bulk round trip.
QJsonValue randomValue(QRandomGenerator& rng, const QStringList& corpus, int depth)
{
    const int pick = int(rng.bounded(depth <= 0 ? 6 : 9));
    switch (pick) {
    case 0:
        return QJsonValue::Null;
    case 1:
        return rng.bounded(2) == 1;
    case 2: {
        const double shapes[] = {0, -1, 80, 15443, 3600, 1.5, -0.25, 1e15, 9007199254740991.0, 1e20, 0.1, 2.5e-8};
        return shapes[rng.bounded(int(std::size(shapes)))];
    }
    case 3:
    case 4:
    case 5:
        return corpus.at(rng.bounded(int(corpus.size())));
    case 6: {
        QJsonArray a;
        for (int i = int(rng.bounded(5)); i > 0; --i)
            a.append(randomValue(rng, corpus, depth - 1));
        return a;
    }
    default: {
        QJsonObject o;
        for (int i = int(rng.bounded(6)); i > 0; --i)
            o.insert(corpus.at(rng.bounded(int(corpus.size()))).left(300), randomValue(rng, corpus, depth - 1));
        return o;
    }
    }
}

// Every position a string can take in a document.
QJsonObject everyPosition(const QString& s)
{
    return QJsonObject{
        {u"value"_qs, s},
        {s, s},
        {u"list"_qs, QJsonArray{s, QString(s + u"x"_qs), QString(u"x"_qs + s)}},
        {u"nested"_qs, QJsonArray{QJsonArray{s, QJsonArray{s}}, QJsonObject{{s, QJsonArray{s}}, {u"k"_qs, s}}}},
        {u"deep"_qs, QJsonObject{{u"a"_qs, QJsonObject{{u"b"_qs, QJsonArray{QJsonObject{{u"c"_qs, s}}}}}}}},
        {u"empty"_qs, QJsonObject{{s, QJsonObject()}, {u"e"_qs, QJsonArray()}}},
    };
}

} // namespace

class TestYamlWriter final : public QObject
{
    Q_OBJECT

private slots:
    void naturalOrder_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        // go-yaml v2 keyList.Less, as kubectl prints environment maps and labels
        QTest::newRow("_ before a letter") << u"ISTIO_META_WORKLOAD_NAME"_qs << u"ISTIO_METAJSON_LABELS"_qs;
        QTest::newRow("numbers as numbers") << u"a2"_qs << u"a10"_qs;
        QTest::newRow("numbers in the middle") << u"port9-tcp"_qs << u"port10-tcp"_qs;
        QTest::newRow("versions") << u"1.9"_qs << u"1.10"_qs;
        QTest::newRow("digit before letter") << u"9"_qs << u"a"_qs;
        QTest::newRow("dash before letter") << u"a-b"_qs << u"aa"_qs;
        QTest::newRow("dot before letter") << u"a.b"_qs << u"ab"_qs;
        QTest::newRow("slash before letter") << u"x/y"_qs << u"xa"_qs;
        QTest::newRow("upper before lower") << u"Zeta"_qs << u"alpha"_qs;
        QTest::newRow("letters by code point") << u"apiVersion"_qs << u"kind"_qs;
        QTest::newRow("kind before metadata") << u"kind"_qs << u"metadata"_qs;
        QTest::newRow("prefix first") << u"spec"_qs << u"specs"_qs;
        QTest::newRow("empty first") << QString() << u"a"_qs;
        QTest::newRow("fewer leading zeros") << u"a1"_qs << u"a01"_qs;
        QTest::newRow("numbers then the rest") << u"a1b"_qs << u"a1c"_qs;
        QTest::newRow("shorter number") << u"x7y"_qs << u"x07y"_qs;
        QTest::newRow("non-letters by code point") << u"a-"_qs << u"a."_qs;
    }

    void naturalOrder()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QVERIFY2(YamlWriter::naturalLess(a, b), qPrintable(a + u" < "_qs + b));
        QVERIFY2(!YamlWriter::naturalLess(b, a), qPrintable(b + u" !< "_qs + a));
        QVERIFY(!YamlWriter::naturalLess(a, a));
        // and the emitted map follows it
        const QString yaml = YamlWriter::toYaml(QJsonObject{{b, 1}, {a, 2}});
        QCOMPARE(yaml, YamlWriter::scalar(a) + u": 2\n"_qs + YamlWriter::scalar(b) + u": 1\n"_qs);
    }

    void naturalOrderSortsLikeKubectl()
    {
        // The order `kubectl get -o yaml` prints these keys in (go-yaml v2 over a map).
        const QStringList expected = {u"0"_qs, u"1"_qs, u"2"_qs, u"10"_qs, u"ISTIO_META_CLUSTER_ID"_qs,
                                      u"ISTIO_META_DNS_CAPTURE"_qs, u"ISTIO_META_NETWORK"_qs, u"ISTIO_METAJSON_LABELS"_qs,
                                      u"PILOT_ADDRESS"_qs, u"a1"_qs, u"a2"_qs, u"a10"_qs, u"a20"_qs, u"app"_qs,
                                      u"app.kubernetes.io/name"_qs, u"apps"_qs, u"version"_qs};
        QStringList shuffled = expected;
        std::reverse(shuffled.begin(), shuffled.end());
        std::swap(shuffled[3], shuffled[11]);
        std::sort(shuffled.begin(), shuffled.end(), YamlWriter::naturalLess);
        QCOMPARE(shuffled, expected);
        // a strict weak ordering over the whole corpus: irreflexive, asymmetric, transitive
        QStringList corpus = hostileStrings();
        corpus = corpus.mid(0, 200);
        for (const QString& a : std::as_const(corpus)) {
            QVERIFY(!YamlWriter::naturalLess(a, a));
            for (const QString& b : std::as_const(corpus))
                QVERIFY(!(YamlWriter::naturalLess(a, b) && YamlWriter::naturalLess(b, a)));
        }
        std::sort(corpus.begin(), corpus.end(), YamlWriter::naturalLess);
        QVERIFY(std::is_sorted(corpus.cbegin(), corpus.cend(), YamlWriter::naturalLess));
    }

    void leadingKeysComeFirstAtEveryLevel()
    {
        const QJsonObject o{{u"b"_qs, 1}, {u"name"_qs, u"x"_qs}, {u"a"_qs, QJsonObject{{u"z"_qs, 1}, {u"kind"_qs, 2}, {u"name"_qs, 3}}}};
        QCOMPARE(YamlWriter::toYaml(o, {u"name"_qs, u"kind"_qs}),
                 u"name: x\na:\n  name: 3\n  kind: 2\n  z: 1\nb: 1\n"_qs);
        QCOMPARE(YamlWriter::toYaml(o), u"a:\n  kind: 2\n  name: 3\n  z: 1\nb: 1\nname: x\n"_qs);
    }

    void kubectlLayout()
    {
        // Sequences under a key start at the key's column ("- " not indented), maps in
        // sequences continue on the dash's line, as `kubectl get -o yaml` prints them.
        const QJsonObject o{
            {u"apiVersion"_qs, u"v1"_qs},
            {u"spec"_qs, QJsonObject{{u"ports"_qs, QJsonArray{QJsonObject{{u"name"_qs, u"http"_qs}, {u"port"_qs, 80}},
                                                              QJsonObject{{u"port"_qs, 443}}}},
                                     {u"hosts"_qs, QJsonArray{u"a"_qs, u"b"_qs}}}},
        };
        QCOMPARE(YamlWriter::toYaml(o), u"apiVersion: v1\n"
                                        "spec:\n"
                                        "  hosts:\n"
                                        "  - a\n"
                                        "  - b\n"
                                        "  ports:\n"
                                        "  - name: http\n"
                                        "    port: 80\n"
                                        "  - port: 443\n"_qs);
        QCOMPARE(YamlWriter::toYaml(QJsonObject{{u"a"_qs, QJsonArray{u"x"_qs, u"z"_qs}}}), u"a:\n- x\n- z\n"_qs);
    }

    void nestedCollections()
    {
        const QJsonArray listOfLists{QJsonArray{1, 2}, QJsonArray{3, QJsonArray{4}}};
        QCOMPARE(YamlWriter::toYaml(listOfLists), u"- - 1\n  - 2\n- - 3\n  - - 4\n"_qs);
        const QJsonArray listOfMaps{QJsonObject{{u"a"_qs, 1}, {u"b"_qs, QJsonArray{1, 2}}},
                                    QJsonObject{{u"c"_qs, QJsonObject{{u"d"_qs, u"e"_qs}}}}};
        QCOMPARE(YamlWriter::toYaml(listOfMaps), u"- a: 1\n  b:\n  - 1\n  - 2\n- c:\n    d: e\n"_qs);
        QCOMPARE(YamlWriter::toYaml(QJsonObject{{u"k"_qs, QJsonArray{QJsonArray{1}, QJsonArray()}}}), u"k:\n- - 1\n- []\n"_qs);
        QCOMPARE(YamlWriter::toYaml(QJsonArray{QJsonArray{QJsonObject{{u"a"_qs, 1}, {u"b"_qs, 2}}}}),
                 u"- - a: 1\n    b: 2\n"_qs);
        for (const QJsonValue& v : {QJsonValue(listOfLists), QJsonValue(listOfMaps)}) {
            QStringList failures;
            QCOMPARE(parse(YamlWriter::toYaml(v), &failures), v);
            QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        }
    }

    void emptyCollections()
    {
        QCOMPARE(YamlWriter::toYaml(QJsonObject{{u"a"_qs, QJsonObject()}, {u"b"_qs, QJsonArray()}}), u"a: {}\nb: []\n"_qs);
        QCOMPARE(YamlWriter::toYaml(QJsonObject()), u"{}\n"_qs);
        QCOMPARE(YamlWriter::toYaml(QJsonArray()), u"[]\n"_qs);
        QCOMPARE(YamlWriter::toYaml(QJsonArray{QJsonObject(), QJsonArray()}), u"- {}\n- []\n"_qs);
    }

    void numbers_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("whole") << 80.0 << u"80"_qs;
        QTest::newRow("zero") << 0.0 << u"0"_qs;
        QTest::newRow("negative") << -3.0 << u"-3"_qs;
        QTest::newRow("big whole") << 3e9 << u"3000000000"_qs;
        QTest::newRow("2^53-1") << 9007199254740991.0 << u"9007199254740991"_qs;
        QTest::newRow("fraction") << 1.5 << u"1.5"_qs;
        QTest::newRow("negative fraction") << -0.25 << u"-0.25"_qs;
    }

    void numbers()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(YamlWriter::toYaml(QJsonObject{{u"num"_qs, value}}), u"num: "_qs + text + u'\n');
        QCOMPARE(YamlWriter::toYaml(value), text + u'\n');
    }

    void keywordsAndNull()
    {
        QCOMPARE(YamlWriter::toYaml(QJsonObject{{u"t"_qs, true}, {u"f"_qs, false}, {u"nothing"_qs, QJsonValue::Null}}),
                 u"f: false\nnothing: null\nt: true\n"_qs);
        // go-yaml quotes the one-letter YAML 1.1 booleans even as keys, as kubectl prints them
        QCOMPARE(YamlWriter::toYaml(QJsonObject{{u"y"_qs, 1}, {u"n"_qs, 2}}), u"\"n\": 2\n\"y\": 1\n"_qs);
    }

    void quoting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        // plain: readable and unambiguous
        for (const QString& s : {u"hello"_qs, u"a:b"_qs, u"a#b"_qs, u"foo-bar"_qs, u"-x"_qs, u"1.29.0"_qs, u"/"_qs,
                                 u"it's"_qs, u"café"_qs, u"http://x.io:80/p"_qs, u"tRue"_qs, u"a b"_qs, u"10.0.0.1"_qs,
                                 u"istio-system"_qs, u".global"_qs})
            QTest::newRow(qPrintable(u"plain "_qs + s)) << s << s;
        // double quoted: plain would read back as another type
        for (const QString& s : {u"true"_qs, u"false"_qs, u"yes"_qs, u"no"_qs, u"on"_qs, u"off"_qs, u"null"_qs,
                                 u"~"_qs, u""_qs, u"80"_qs, u"1.29"_qs, u"0x1F"_qs, u"1e3"_qs, u"12:30"_qs, u"Yes"_qs,
                                 u"NULL"_qs, u"y"_qs, u".inf"_qs, u"-.5"_qs, u"0o17"_qs, u"007"_qs, u"+1"_qs,
                                 // YAML 1.1 timestamps, merge and value keys; go-yaml's own readings
                                 u"2001-12-14"_qs, u"2001-12-14T21:59:43Z"_qs, u"<<"_qs, u"="_qs, u"0X1F"_qs,
                                 u"0B101"_qs, u"-_5"_qs, u"1e1_0"_qs, u"1999-1-1"_qs})
            QTest::newRow(qPrintable(u"double "_qs + s)) << s << u"\""_qs + s + u"\""_qs;
        // single quoted: plain would not parse as this text
        for (const QString& s : {u"{\"a\":1}"_qs, u"- x"_qs, u"a: b"_qs, u"x #y"_qs, u" lead"_qs, u"trail "_qs,
                                 u"*"_qs, u"&a"_qs, u"!x"_qs, u"%x"_qs, u"@x"_qs, u"`x"_qs, u"#x"_qs, u"[a]"_qs,
                                 u"a:"_qs, u"-"_qs, u"? x"_qs, u"|"_qs, u">"_qs, u"---"_qs, u","_qs})
            QTest::newRow(qPrintable(u"single "_qs + s)) << s << u"'"_qs + s + u"'"_qs;
        QTest::newRow("single with quote") << u"'a: b'"_qs << u"'''a: b'''"_qs;
        // control characters: double quoted with escapes
        QTest::newRow("tab") << u"a\tb"_qs << u"\"a\\tb\""_qs;
        QTest::newRow("cr") << u"a\rb"_qs << u"\"a\\rb\""_qs;
        QTest::newRow("nul") << QString(QChar(0)) << u"\"\\0\""_qs;
        QTest::newRow("escape") << u"\x1b"_qs << u"\"\\x1b\""_qs;
        QTest::newRow("tab with quote and backslash") << u"\t\"\\"_qs << u"\"\\t\\\"\\\\\""_qs;
        QTest::newRow("bom") << u"\ufeffx"_qs << u"\"\\ufeffx\""_qs;
        QTest::newRow("line separator") << u"a\u2028b"_qs << u"\"a\\u2028b\""_qs;
    }

    void quoting()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(YamlWriter::scalar(text).toLower(), expected.toLower()); // hex escapes in either case
        QCOMPARE(YamlWriter::toYaml(QJsonObject{{u"k"_qs, text}}).toLower(), (u"k: "_qs + expected + u'\n').toLower());
        QStringList failures;
        QCOMPARE(parse(u"k: "_qs + YamlWriter::scalar(text), &failures), QJsonValue(QJsonObject{{u"k"_qs, text}}));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }

    void literalBlocks_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("clip") << u"a\nb\n"_qs << u"k: |\n  a\n  b\n"_qs;
        QTest::newRow("strip") << u"a\nb"_qs << u"k: |-\n  a\n  b\n"_qs;
        QTest::newRow("keep") << u"a\n\n"_qs << u"k: |+\n  a\n\n"_qs;
        QTest::newRow("empty line inside") << u"a\n\nb\n"_qs << u"k: |\n  a\n\n  b\n"_qs;
        QTest::newRow("leading space") << u" a\nb\n"_qs << u"k: |2\n   a\n  b\n"_qs;
        QTest::newRow("colons and hashes") << u"a: b\n# c\n"_qs << u"k: |\n  a: b\n  # c\n"_qs;
        // texts a reader would misjudge the indentation of: the indentation is stated
        QTest::newRow("leading empty line") << u"\n a"_qs << u"k: |2-\n\n   a\n"_qs;
        QTest::newRow("leading empty lines") << u"\n\n  a\nb"_qs << u"k: |2-\n\n\n    a\n  b\n"_qs;
        QTest::newRow("only a newline") << u"\n"_qs << u"k: |2+\n\n"_qs;
        QTest::newRow("only newlines") << u"\n\n"_qs << u"k: |2+\n\n\n"_qs;
        QTest::newRow("newline, space") << u"\n "_qs << u"k: |2-\n\n   \n"_qs;
    }

    void literalBlocks()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString yaml = YamlWriter::toYaml(QJsonObject{{u"k"_qs, text}});
        QCOMPARE(yaml, expected);
        QStringList failures;
        QCOMPARE(parse(yaml, &failures), QJsonValue(QJsonObject{{u"k"_qs, text}}));
        QVERIFY(failures.isEmpty());
        // in a sequence and a map inside a sequence, deeper
        const QJsonObject deeper{{u"a"_qs, QJsonArray{text, QJsonObject{{u"b"_qs, text}}}}};
        QCOMPARE(parse(YamlWriter::toYaml(deeper), &failures), QJsonValue(deeper));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }

    void longKeysAreExplicit()
    {
        // libyaml (kubectl) writes keys over 128 bytes as "? key"; implicit keys over 1024
        // characters are not YAML at all.
        const QString shortKey(128, u'k');
        const QString longKey(129, u'a');
        QCOMPARE(YamlWriter::toYaml(QJsonObject{{shortKey, 1}}), shortKey + u": 1\n"_qs);
        // multi-line keys stay simple: double quoted on one line
        QCOMPARE(YamlWriter::toYaml(QJsonObject{{u"a\nb"_qs, 1}}), u"\"a\\nb\": 1\n"_qs);
        QCOMPARE(YamlWriter::toYaml(QJsonObject{{longKey, 1}}), u"? "_qs + longKey + u"\n: 1\n"_qs);
        QCOMPARE(YamlWriter::toYaml(QJsonArray{QJsonObject{{longKey, QJsonObject{{u"a"_qs, 1}}}, {u"b"_qs, QJsonArray{1}}}}),
                 u"- ? "_qs + longKey + u"\n  :\n    a: 1\n  b:\n  - 1\n"_qs);
        const QJsonObject huge{{QString(5000, u'x'), QJsonArray{u"v"_qs}}, {QString(3000, u'y') + u"\n"_qs, u"a\nb"_qs}};
        QStringList failures;
        QCOMPARE(parse(YamlWriter::toYaml(huge), &failures), QJsonValue(huge));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }

    void unicodeIsKept()
    {
        const QString text = u"日本語 ✓ émoji 😀 מזהה"_qs;
        QCOMPARE(YamlWriter::toYaml(QJsonObject{{u"名前"_qs, text}}), u"名前: "_qs + text + u'\n');
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        const QStringList corpus = hostileStrings();
        for (qsizetype i = 0; i < corpus.size(); ++i) {
            QString label = corpus.at(i).left(40);
            label.replace(QRegularExpression(u"[^ -~]"_qs), u"?"_qs);
            QTest::addRow("%d %s", int(i), qPrintable(label)) << corpus.at(i);
        }
    }

    void roundTrip()
    {
        QFETCH(QString, text);
        const QJsonObject value = everyPosition(text);
        const QString yaml = YamlWriter::toYaml(value);
        QStringList failures;
        const QJsonValue back = parse(yaml, &failures);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n') + u"\n--- yaml:\n"_qs + yaml.left(2000)));
        QVERIFY2(back == QJsonValue(value), qPrintable(show(back).left(2000) + u"\n!=\n"_qs + show(value).left(2000)));
        // a bare top-level scalar too
        const QJsonValue scalarBack = parse(YamlWriter::toYaml(text), &failures);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        QCOMPARE(scalarBack, QJsonValue(text));
    }

    void roundTripRandomTrees()
    {
        const QStringList corpus = hostileStrings();
        QRandomGenerator rng(20240601); // fixed seed: the same trees every run
        for (int i = 0; i < 400; ++i) {
            const QJsonValue value = randomValue(rng, corpus, 4);
            const QString yaml = YamlWriter::toYaml(value);
            QStringList failures;
            const QJsonValue back = parse(yaml, &failures);
            QVERIFY2(failures.isEmpty(), qPrintable(u"tree "_qs + QString::number(i) + u": "_qs + failures.join(u'\n')));
            QVERIFY2(back == value, qPrintable(u"tree "_qs + QString::number(i) + u": "_qs + show(back).left(1500)
                                               + u"\n!=\n"_qs + show(value).left(1500)));
        }
    }

    void multiDocument()
    {
        const QList<QJsonObject> documents = {
            QJsonObject{{u"kind"_qs, u"Namespace"_qs}, {u"metadata"_qs, QJsonObject{{u"name"_qs, u"vm"_qs}}}},
            QJsonObject{{u"data"_qs, QJsonObject{{u"a"_qs, u"---\n...\n"_qs}, {u"b"_qs, u"---"_qs}, {u"c"_qs, u"..."_qs}}}},
            QJsonObject(),
            everyPosition(u"--- x"_qs),
            QJsonObject{{u"list"_qs, QJsonArray{u"- a"_qs, u"---"_qs, QJsonArray()}}},
        };
        const QString yaml = YamlWriter::toMultiDocument(documents);
        std::vector<YAML::Node> nodes;
        try {
            nodes = YAML::LoadAll(yaml.toStdString());
        } catch (const YAML::Exception& e) {
            QFAIL(e.what());
        }
        QCOMPARE(qsizetype(nodes.size()), documents.size());
        for (qsizetype i = 0; i < documents.size(); ++i) {
            Reader reader;
            QCOMPARE(reader.toJson(nodes.at(size_t(i))), QJsonValue(documents.at(i)));
            QVERIFY(reader.failures.isEmpty());
        }
        QCOMPARE(YamlWriter::toMultiDocument({documents.first()}), YamlWriter::toYaml(documents.first()));
        QVERIFY(YamlWriter::toMultiDocument({}).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestYamlWriter)
#include "tst_yamlwriter.moc"
