// SPDX-License-Identifier: Apache-2.0
#include "graphfilter.h"

#include "graphstyle.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace {

// Node attributes and flags first, then the edge ones (Rate and after): see targetOf().
enum class Attr {
    Name, Namespace, App, Version, Workload, Service, Cluster, Kind, Health, InRate, OutRate,
    Vm, Mixed, Healthy, Unhealthy,
    Rate, Error, Share, P95, P99, Tcp, Protocol, Weight,
    Drift, Weighted, Idle,
};
enum class ValueType { Text, Kind, Health, Number, Flag };
enum class Op { Eq, Ne, Gt, Ge, Lt, Le, Like };
using Target = GraphFilter::Target;

using Units = QList<std::pair<QString, double>>; //!< suffix (matched without case), factor to the base unit
const Units rateUnits = {{u"rps"_qs, 1}, {u"req/s"_qs, 1}};
const Units percentUnits = {{u"%"_qs, 1}};
const Units latencyUnits = {{u"ms"_qs, 1}, {u"s"_qs, 1000}};
// Powers of 1024, as GraphStyle::rateText() labels the edges the user reads.
const Units byteUnits = {{u"B/s"_qs, 1}, {u"KB/s"_qs, 1024}, {u"MB/s"_qs, 1024.0 * 1024}, {u"GB/s"_qs, 1024.0 * 1024 * 1024}};

struct AttributeInfo
{
    QStringView name;
    Attr attr;
    ValueType type;
    const Units* units = nullptr; //!< Number
};

Target targetOf(Attr attr)
{
    return attr < Attr::Rate ? Target::Nodes : Target::Edges;
}

using enum ValueType;
// The order here is the order of the lists in error messages.
const AttributeInfo attributes[] = {
    {u"name", Attr::Name, Text}, {u"namespace", Attr::Namespace, Text}, {u"ns", Attr::Namespace, Text},
    {u"app", Attr::App, Text}, {u"version", Attr::Version, Text}, {u"workload", Attr::Workload, Text},
    {u"service", Attr::Service, Text}, {u"cluster", Attr::Cluster, Text}, {u"kind", Attr::Kind, Kind},
    {u"health", Attr::Health, Health}, {u"inrate", Attr::InRate, Number, &rateUnits},
    {u"outrate", Attr::OutRate, Number, &rateUnits}, {u"vm", Attr::Vm, Flag}, {u"mixed", Attr::Mixed, Flag},
    {u"healthy", Attr::Healthy, Flag}, {u"unhealthy", Attr::Unhealthy, Flag},
    {u"rate", Attr::Rate, Number, &rateUnits}, {u"error", Attr::Error, Number, &percentUnits},
    {u"share", Attr::Share, Number, &percentUnits}, {u"p95", Attr::P95, Number, &latencyUnits},
    {u"p99", Attr::P99, Number, &latencyUnits}, {u"tcp", Attr::Tcp, Number, &byteUnits},
    {u"protocol", Attr::Protocol, Text}, {u"weight", Attr::Weight, Number, &percentUnits},
    {u"drift", Attr::Drift, Flag}, {u"weighted", Attr::Weighted, Flag}, {u"idle", Attr::Idle, Flag},
};

const AttributeInfo* findAttribute(const QString& name)
{
    const auto it = std::find_if(std::begin(attributes), std::end(attributes),
                                 [&](const AttributeInfo& a) { return name.compare(a.name, Qt::CaseInsensitive) == 0; });
    return it == std::end(attributes) ? nullptr : &*it;
}

QString validTerms()
{
    const auto list = [](Target target, bool flags) {
        QStringList names;
        for (const AttributeInfo& a : attributes) {
            if (targetOf(a.attr) == target && (a.type == Flag) == flags)
                names.append(a.name.toString());
        }
        return names.join(u", "_qs);
    };
    return u"node attributes are %1; node flags are %2; edge attributes are %3; edge flags are %4"_qs.arg(
        list(Target::Nodes, false), list(Target::Nodes, true), list(Target::Edges, false), list(Target::Edges, true));
}

// Kinds and health states are matched without case, spaces, '-', '_' or '/': "Not Ready",
// "not-ready" and "NotReady" all mean the same, and so do "N/A" and "na".
QString normalized(const QString& value)
{
    static const QRegularExpression ignored(u"[ _/-]"_qs);
    return value.toLower().remove(ignored);
}

const QStringList kindNames = {u"workload"_qs, u"vm"_qs, u"service"_qs, u"serviceentry"_qs, u"unknown"_qs};
const GraphNode::Kind kindValues[] = {GraphNode::Kind::Workload, GraphNode::Kind::VmWorkload, GraphNode::Kind::Service,
                                      GraphNode::Kind::ServiceEntry, GraphNode::Kind::Unknown};
const QStringList healthNames = {u"healthy"_qs, u"degraded"_qs, u"failure"_qs, u"notready"_qs, u"na"_qs};
const GraphHealth healthValues[] = {GraphHealth::Healthy, GraphHealth::Degraded, GraphHealth::Failure,
                                    GraphHealth::NotReady, GraphHealth::NotAvailable};

std::optional<double> parseNumber(const QString& text, const Units& units)
{
    static const QRegularExpression number(uR"(^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$)"_qs);
    const QRegularExpressionMatch m = number.match(text);
    bool ok = false;
    const double value = m.captured(1).toDouble(&ok); // no match: empty, not ok
    const QString suffix = m.captured(2);
    const auto unit = std::find_if(units.begin(), units.end(),
                                   [&](const auto& u) { return suffix.compare(u.first, Qt::CaseInsensitive) == 0; });
    if (!ok || !std::isfinite(value) || (!suffix.isEmpty() && unit == units.end()))
        return std::nullopt;
    return suffix.isEmpty() ? value : value * unit->second;
}

QString numberHint(const Units& units)
{
    QStringList suffixes;
    for (const auto& [suffix, factor] : units)
        suffixes.append(suffix);
    return u"a number, optionally followed by %1 (e.g. 10%2)"_qs.arg(suffixes.join(u" or "_qs), suffixes.value(0));
}

// '*' and '?' glob over the whole value; everything else is literal.
QRegularExpression globExpression(const QString& glob)
{
    const QString pattern = QRegularExpression::escape(glob).replace(u"\\*"_qs, u".*"_qs).replace(u"\\?"_qs, u"."_qs);
    return QRegularExpression(u'^' + pattern + u'$', QRegularExpression::CaseInsensitiveOption
                                                         | QRegularExpression::DotMatchesEverythingOption);
}

} // namespace

struct GraphFilter::Expr
{
    enum class Type { And, Or, Not, Term };
    explicit Expr(Type t = Type::Term, std::shared_ptr<const Expr> l = {}, std::shared_ptr<const Expr> r = {})
        : type(t), left(std::move(l)), right(std::move(r)) {}
    Type type;
    std::shared_ptr<const Expr> left;  //!< And, Or, Not
    std::shared_ptr<const Expr> right; //!< And, Or
    Attr attr = Attr::Name;
    Op op = Op::Eq;
    QString text;            //!< Text: the value as written
    QRegularExpression glob; //!< Text with '~' and a '*' or '?' in the value
    double number = 0;       //!< Number, in the attribute's base unit (req/s, %, ms, bytes/s)
    int choice = 0;          //!< Kind: index into kindNames; Health: into healthValues
};

namespace {

using Expr = GraphFilter::Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Token
{
    enum class Type { End, Word, String, LParen, RParen, Not, And, Or, Compare };
    Type type = Type::End;
    QString text; //!< Word, String (unquoted); the symbol otherwise
    int pos = 0, length = 0; //!< 0-based, into the expression
    Op op = Op::Eq;
};

struct Symbol
{
    QStringView text;
    Token::Type type;
    Op op = Op::Eq;
};

// Two-character symbols first, so that "!=" is not read as "!" then "=".
const Symbol symbols[] = {
    {u"!=", Token::Type::Compare, Op::Ne}, {u">=", Token::Type::Compare, Op::Ge}, {u"<=", Token::Type::Compare, Op::Le},
    {u"&&", Token::Type::And}, {u"||", Token::Type::Or}, {u"=", Token::Type::Compare, Op::Eq},
    {u">", Token::Type::Compare, Op::Gt}, {u"<", Token::Type::Compare, Op::Lt}, {u"~", Token::Type::Compare, Op::Like},
    {u"!", Token::Type::Not}, {u"(", Token::Type::LParen}, {u")", Token::Type::RParen},
};

// "..." or '...' from text[*pos]; a backslash takes the next character literally.
bool readQuoted(const QString& text, qsizetype* pos, Token* token, GraphFilterError* error)
{
    static const QRegularExpression quoted(uR"re("((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')re"_qs);
    static const QRegularExpression escaped(uR"(\\(.))"_qs);
    const QRegularExpressionMatch m = quoted.match(text, *pos, QRegularExpression::NormalMatch,
                                                   QRegularExpression::AnchorAtOffsetMatchOption);
    if (!m.hasMatch()) {
        *error = {int(*pos) + 1, u"the quote %1 is never closed"_qs.arg(text.at(*pos))};
        return false;
    }
    *token = {Token::Type::String, QString(m.captured(1) + m.captured(2)).replace(escaped, u"\\1"_qs), token->pos};
    *pos = m.capturedEnd();
    return true;
}

/*! The tokens of text, ending with an End token; false with *error set on a bad quote or symbol. */
bool tokenize(const QString& text, QList<Token>* tokens, GraphFilterError* error)
{
    qsizetype pos = 0;
    while (true) {
        while (pos < text.size() && text.at(pos).isSpace())
            ++pos;
        Token t{Token::Type::End, {}, int(pos)};
        const QStringView rest = QStringView(text).mid(pos);
        const Symbol* symbol = std::find_if(std::begin(symbols), std::end(symbols),
                                            [&](const Symbol& s) { return rest.startsWith(s.text); });
        if (rest.isEmpty()) {
            tokens->append(t);
            return true;
        } else if (symbol != std::end(symbols)) {
            t = {symbol->type, symbol->text.toString(), int(pos), 0, symbol->op};
            pos += symbol->text.size();
        } else if (rest.front() == u'"' || rest.front() == u'\'') {
            if (!readQuoted(text, &pos, &t, error))
                return false;
        } else if (rest.front() == u'&' || rest.front() == u'|') {
            *error = {t.pos + 1, u"'%1' alone is not an operator: write '%1%1' or '%2'"_qs.arg(
                                     rest.front(), rest.front() == u'&' ? u"and"_qs : u"or"_qs)};
            return false;
        } else {
            t.type = Token::Type::Word;
            while (pos < text.size() && !text.at(pos).isSpace() && !QStringView(u"()!=<>~&|\"'").contains(text.at(pos)))
                ++pos;
            t.text = text.mid(t.pos, pos - t.pos);
        }
        t.length = int(pos) - t.pos;
        tokens->append(t);
    }
}

bool isKeyword(const Token& t, Token::Type type, QStringView word)
{
    return t.type == type || (t.type == Token::Type::Word && t.text.compare(word, Qt::CaseInsensitive) == 0);
}

/*! Recursive descent over the grammar in graphfilter.h; every parse function returns null on error. */
class Parser
{
public:
    Parser(const QString& text, QList<Token> tokens) : m_text(text), m_tokens(std::move(tokens)) {}

    ExprPtr run()
    {
        ExprPtr root = parseBinary(Expr::Type::Or, 0);
        if (root && peek().type == Token::Type::RParen)
            return fail(peek().pos, u"unbalanced ')': there is no '(' to close"_qs);
        if (root && peek().type != Token::Type::End)
            return fail(peek().pos, u"expected 'and', 'or' or the end of the expression before '%1'"_qs.arg(peek().text));
        return root;
    }

    Target target() const { return m_target; }
    const GraphFilterError& error() const { return m_error; }

private:
    const Token& peek() const { return m_tokens.at(m_next); }
    const Token& take() { return m_tokens.at(m_next < m_tokens.size() - 1 ? m_next++ : m_next); }

    // Converts to a null ExprPtr or to false, for the two kinds of parse functions.
    struct Failed { operator ExprPtr() const { return nullptr; } operator bool() const { return false; } };

    Failed fail(int pos, const QString& message)
    {
        m_error = {pos + 1, message};
        return {};
    }

    // or := and ("or" and)* ; and := unary ("and" unary)* : "and" binds tighter.
    ExprPtr parseBinary(Expr::Type type, int depth)
    {
        const bool isOr = type == Expr::Type::Or;
        const auto operand = [&] { return isOr ? parseBinary(Expr::Type::And, depth) : parseUnary(depth); };
        ExprPtr left = operand();
        while (left && isKeyword(peek(), isOr ? Token::Type::Or : Token::Type::And, isOr ? u"or" : u"and")) {
            take();
            ExprPtr right = operand();
            left = right ? std::make_shared<Expr>(type, left, right) : nullptr;
        }
        return left;
    }

    ExprPtr parseUnary(int depth)
    {
        if (depth > 100) // keeps the recursion off the end of the stack
            return fail(peek().pos, u"the expression is nested too deeply"_qs);
        if (isKeyword(peek(), Token::Type::Not, u"not")) {
            take();
            ExprPtr operand = parseUnary(depth + 1);
            return operand ? std::make_shared<Expr>(Expr::Type::Not, operand) : nullptr;
        }
        if (peek().type != Token::Type::LParen)
            return parseTerm();
        const Token& open = take();
        ExprPtr inner = parseBinary(Expr::Type::Or, depth + 1);
        if (inner && peek().type == Token::Type::End)
            return fail(open.pos, u"unbalanced '(': it is never closed with ')'"_qs);
        if (inner && peek().type != Token::Type::RParen)
            return fail(peek().pos, u"expected 'and', 'or' or ')' before '%1'"_qs.arg(peek().text));
        take();
        return inner;
    }

    ExprPtr parseTerm()
    {
        const Token& word = take();
        if (word.type != Token::Type::Word) {
            const QString found = word.type == Token::Type::End ? u"the end"_qs : u"'%1'"_qs.arg(word.text);
            return fail(word.pos, u"expected an attribute or a flag, found %1 (%2)"_qs.arg(found, validTerms()));
        }
        const AttributeInfo* info = findAttribute(word.text);
        if (!info)
            return fail(word.pos, u"unknown attribute '%1': %2"_qs.arg(word.text, validTerms()));
        auto term = std::make_shared<Expr>();
        term->attr = info->attr;
        int end = word.pos + word.length;
        if (info->type == Flag && peek().type == Token::Type::Compare)
            return fail(peek().pos, u"'%1' is a flag and takes no value: write '%1' or 'not %1'"_qs.arg(info->name));
        if (info->type != Flag && !parseComparison(*info, term.get(), &end))
            return nullptr;
        return checkTarget(*info, word.pos, end) ? term : nullptr;
    }

    bool parseComparison(const AttributeInfo& info, Expr* term, int* end)
    {
        const Token& op = take();
        if (op.type != Token::Type::Compare)
            return fail(op.pos, u"'%1' needs an operator (=, !=, >, >=, <, <=, ~) and a value"_qs.arg(info.name));
        term->op = op.op;
        const QStringList allowed = info.type == Text ? QStringList{u"="_qs, u"!="_qs, u"~"_qs}
                                  : info.type == Number ? QStringList{u"="_qs, u"!="_qs, u">"_qs, u">="_qs, u"<"_qs, u"<="_qs}
                                                        : QStringList{u"="_qs, u"!="_qs};
        if (!allowed.contains(op.text))
            return fail(op.pos, u"'%1' compares with %2, not '%3'"_qs.arg(info.name, allowed.join(u", "_qs), op.text));
        const Token& value = take();
        if (value.type != Token::Type::Word && value.type != Token::Type::String)
            return fail(value.pos, u"missing value after '%1 %2'"_qs.arg(info.name, op.text));
        *end = value.pos + value.length;
        return parseValue(info, value, term);
    }

    bool parseValue(const AttributeInfo& info, const Token& value, Expr* term)
    {
        switch (info.type) {
        case Text:
            term->text = value.text;
            if (term->op == Op::Like && (value.text.contains(u'*') || value.text.contains(u'?')))
                term->glob = globExpression(value.text);
            return true;
        case Kind:
        case Health: {
            const QStringList& names = info.type == Kind ? kindNames : healthNames;
            term->choice = int(names.indexOf(normalized(value.text)));
            if (term->choice < 0)
                return fail(value.pos, u"unknown %1 '%2': valid values are %3"_qs.arg(info.name, value.text, names.join(u", "_qs)));
            return true;
        }
        case Number: {
            const std::optional<double> number = parseNumber(value.text, *info.units);
            if (!number)
                return fail(value.pos, u"bad number '%1' for '%2': expected %3"_qs.arg(value.text, info.name, numberHint(*info.units)));
            term->number = *number;
            return true;
        }
        case Flag: break;
        }
        return false;
    }

    bool checkTarget(const AttributeInfo& info, int start, int end)
    {
        const QString text = m_text.mid(start, end - start);
        if (m_target == Target::None) {
            m_target = targetOf(info.attr);
            m_firstTerm = text;
        }
        if (m_target == targetOf(info.attr))
            return true;
        const auto kind = [](Target t) { return t == Target::Nodes ? u"a node"_qs : u"an edge"_qs; };
        return fail(start, u"'%1' is %2 term but '%3' is %4 term: an expression filters nodes or edges, not both"_qs.arg(
                               text, kind(targetOf(info.attr)), m_firstTerm, kind(m_target)));
    }

    const QString& m_text;
    QList<Token> m_tokens;
    qsizetype m_next = 0;
    Target m_target = Target::None;
    QString m_firstTerm; //!< as written, for the message when a term of the other target follows
    GraphFilterError m_error;
};

bool compareNumber(double value, const Expr& term)
{
    if (std::isnan(value))
        return false; // unknown latency: neither above, below, equal to nor different from anything
    // Values come from sums of rates: 0.1 + 0.2 must still "= 0.3".
    const double tolerance = 1e-9 * std::max({1.0, std::abs(value), std::abs(term.number)});
    switch (term.op) {
    case Op::Eq: return std::abs(value - term.number) <= tolerance;
    case Op::Ne: return std::abs(value - term.number) > tolerance;
    case Op::Gt: return value > term.number;
    case Op::Ge: return value >= term.number;
    case Op::Lt: return value < term.number;
    case Op::Le: return value <= term.number;
    case Op::Like: break;
    }
    return false;
}

// True when any candidate matches; '!=' is "no candidate equals".
bool compareText(const Expr& term, std::initializer_list<QString> candidates)
{
    const bool any = std::any_of(candidates.begin(), candidates.end(), [&](const QString& c) {
        if (term.op != Op::Like)
            return c.compare(term.text, Qt::CaseInsensitive) == 0;
        return term.glob.pattern().isEmpty() ? c.contains(term.text, Qt::CaseInsensitive) : term.glob.match(c).hasMatch();
    });
    return term.op == Op::Ne ? !any : any;
}

bool nodeTerm(const Expr& t, const GraphNode& n)
{
    const bool negate = t.op == Op::Ne;
    switch (t.attr) {
    case Attr::Name: return compareText(t, {GraphStyle::nodeLabel(n), n.id});
    case Attr::Namespace: return compareText(t, {n.namespaceName});
    case Attr::App: return compareText(t, {n.app});
    case Attr::Version: return compareText(t, {n.version});
    case Attr::Workload: return compareText(t, {n.workload});
    case Attr::Service: return compareText(t, {n.service});
    case Attr::Cluster: return compareText(t, {n.cluster});
    case Attr::Kind: // kind=vm: VM workloads and the workloads mixing pods and VMs
        return (n.kind == kindValues[t.choice] || (t.choice == 1 && n.isVm)) != negate;
    case Attr::Health: return (n.health == healthValues[t.choice]) != negate;
    case Attr::InRate: return compareNumber(n.inboundRate, t);
    case Attr::OutRate: return compareNumber(n.outboundRate, t);
    case Attr::Vm: return n.isVm || n.kind == GraphNode::Kind::VmWorkload;
    case Attr::Mixed: return n.isMixed();
    case Attr::Healthy: return n.health == GraphHealth::Healthy;
    case Attr::Unhealthy:
        return n.health == GraphHealth::Degraded || n.health == GraphHealth::Failure || n.health == GraphHealth::NotReady;
    default: return false;
    }
}

bool edgeTerm(const Expr& t, const GraphEdge& e)
{
    switch (t.attr) {
    case Attr::Rate: return compareNumber(e.requestRate, t);
    case Attr::Error: return compareNumber(e.errorPercent(), t);
    case Attr::Share: return compareNumber(e.sharePercent, t);
    case Attr::P95: return compareNumber(e.p95Ms, t);
    case Attr::P99: return compareNumber(e.p99Ms, t);
    case Attr::Tcp: return compareNumber(e.tcpBytesPerSecond, t);
    case Attr::Protocol: return compareText(t, {e.protocol});
    case Attr::Weight: return e.configured && compareNumber(e.configured->weight, t);
    case Attr::Drift: return e.configured && e.configured->drift;
    case Attr::Weighted: return e.configured.has_value();
    case Attr::Idle: return e.requestRate == 0 && e.tcpBytesPerSecond == 0;
    default: return false;
    }
}

template <typename Leaf>
bool evaluate(const Expr& e, const Leaf& leaf)
{
    switch (e.type) {
    case Expr::Type::And: return evaluate(*e.left, leaf) && evaluate(*e.right, leaf);
    case Expr::Type::Or: return evaluate(*e.left, leaf) || evaluate(*e.right, leaf);
    case Expr::Type::Not: return !evaluate(*e.left, leaf);
    case Expr::Type::Term: return leaf(e);
    }
    return false;
}

} // namespace

std::optional<GraphFilter> GraphFilter::parse(const QString& expression, GraphFilterError* error)
{
    QList<Token> tokens;
    GraphFilterError failure;
    GraphFilter filter;
    if (tokenize(expression, &tokens, &failure)) {
        if (tokens.size() == 1)
            return filter; // nothing but blanks
        Parser parser(expression, std::move(tokens));
        filter.m_root = parser.run();
        filter.m_target = parser.target();
        failure = parser.error();
        if (filter.m_root)
            return filter;
    }
    if (error)
        *error = failure;
    return std::nullopt;
}

bool GraphFilter::matchesNode(const GraphNode& node) const
{
    return m_target == Target::Nodes && evaluate(*m_root, [&](const Expr& t) { return nodeTerm(t, node); });
}

bool GraphFilter::matchesEdge(const GraphEdge& edge) const
{
    return m_target == Target::Edges && evaluate(*m_root, [&](const Expr& t) { return edgeTerm(t, edge); });
}
