// SPDX-License-Identifier: Apache-2.0
#include "sshconfigimport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

namespace {

// HostName may use %h (the alias) and %% (a percent sign); other tokens need ssh itself and are
// left as they are (the address check then reports them).
QString expandHostTokens(const QString& value, const QString& alias)
{
    QString out;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value.at(i) == u'%' && i + 1 < value.size()) {
            const QChar token = value.at(i + 1);
            if (token == u'h') {
                out += alias;
                ++i;
                continue;
            }
            if (token == u'%') {
                out += u'%';
                ++i;
                continue;
            }
        }
        out += value.at(i);
    }
    return out;
}

struct Parser
{
    SshConfigImport::FileReader reader;
    SshConfigImport::GlobExpander glob;
    QString sshDir;
    QList<SshConfigHost> hosts;
    int files = 0;

    // The aliases the current block applies to; empty = a wildcard-only Host or a Match block.
    QStringList current;

    SshConfigHost& entry(const QString& alias)
    {
        for (SshConfigHost& h : hosts) {
            if (h.alias == alias)
                return h;
        }
        hosts.append(SshConfigHost{alias, {}, {}, 0, {}, {}});
        return hosts.last();
    }

    void setOnce(const QString& keyword, const QString& value)
    {
        for (const QString& alias : std::as_const(current)) {
            SshConfigHost& h = entry(alias);
            if (keyword == u"hostname" && h.hostName.isEmpty())
                h.hostName = expandHostTokens(value, alias);
            else if (keyword == u"user" && h.user.isEmpty())
                h.user = value;
            else if (keyword == u"port" && h.port == 0) {
                bool ok = false;
                const int port = value.toInt(&ok);
                if (ok && port > 0 && port < 65536)
                    h.port = port;
            } else if (keyword == u"proxyjump" && h.proxyJump.isEmpty() && value.compare(u"none", Qt::CaseInsensitive) != 0)
                h.proxyJump = value;
            else if (keyword == u"identityfile" && h.identityFile.isEmpty())
                h.identityFile = value;
        }
    }

    QString resolve(const QString& path) const
    {
        if (path.startsWith(u"~/"))
            return QDir::homePath() + path.mid(1);
        if (QDir::isAbsolutePath(path))
            return path;
        return QDir(sshDir).filePath(path);
    }

    void include(const QStringList& patterns, int depth)
    {
        if (depth >= SshConfigImport::maxIncludeDepth || !reader)
            return;
        // An Include inside a Host block is conditional on it; the included file's own Host
        // lines do not change the block the including file goes on with.
        const QStringList outer = current;
        const auto restore = qScopeGuard([this, outer] { current = outer; });
        for (const QString& pattern : patterns) {
            const QString resolved = resolve(pattern);
            QStringList paths;
            if (resolved.contains(u'*') || resolved.contains(u'?') || resolved.contains(u'['))
                paths = glob ? glob(resolved) : QStringList{};
            else
                paths = {resolved};
            for (const QString& path : std::as_const(paths)) {
                if (files >= SshConfigImport::maxFiles)
                    return;
                ++files;
                if (const std::optional<QByteArray> text = reader(path))
                    read(*text, depth + 1);
            }
        }
    }

    void read(const QByteArray& text, int depth)
    {
        const QStringList lines = QString::fromUtf8(text).split(u'\n');
        for (const QString& line : lines) {
            const auto [keyword, args] = SshConfigImport::splitLine(line);
            if (keyword.isEmpty())
                continue;
            if (keyword == u"host") {
                current.clear();
                for (const QString& name : args) {
                    if (name.contains(u'*') || name.contains(u'?') || name.startsWith(u'!'))
                        continue;
                    if (!current.contains(name))
                        current.append(name);
                }
                for (const QString& alias : std::as_const(current))
                    entry(alias);
            } else if (keyword == u"match") {
                current.clear();
            } else if (keyword == u"include") {
                include(args, depth);
            } else if (!args.isEmpty()) {
                setOnce(keyword, args.first());
            }
        }
    }
};

} // namespace

std::pair<QString, QStringList> SshConfigImport::splitLine(const QString& line)
{
    const QString trimmed = line.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
        return {};
    // The keyword ends at whitespace or '='; one '=' (with blanks around) may separate it.
    qsizetype i = 0;
    while (i < trimmed.size() && !trimmed.at(i).isSpace() && trimmed.at(i) != u'=')
        ++i;
    const QString keyword = trimmed.left(i).toLower();
    while (i < trimmed.size() && trimmed.at(i).isSpace())
        ++i;
    if (i < trimmed.size() && trimmed.at(i) == u'=')
        ++i;
    QStringList args;
    QString arg;
    bool quoted = false;
    bool inArg = false;
    for (; i < trimmed.size(); ++i) {
        const QChar c = trimmed.at(i);
        if (c == u'"') {
            quoted = !quoted;
            inArg = true;
        } else if (c.isSpace() && !quoted) {
            if (inArg)
                args.append(arg);
            arg.clear();
            inArg = false;
        } else if (c == u'#' && !quoted && !inArg) {
            break; // a trailing comment
        } else {
            arg.append(c);
            inArg = true;
        }
    }
    if (inArg)
        args.append(arg);
    return {keyword, args};
}

QList<SshConfigHost> SshConfigImport::parse(const QByteArray& text, const QString& sshDir, const FileReader& reader,
                                            const GlobExpander& glob)
{
    Parser parser{reader, glob, sshDir, {}, 0, {}};
    parser.read(text, 0);
    return parser.hosts;
}

QString SshConfigImport::defaultPath()
{
    return QDir::homePath() + u"/.ssh/config"_qs;
}

QList<SshConfigHost> SshConfigImport::readFile(const QString& path)
{
    const FileReader reader = [](const QString& p) -> std::optional<QByteArray> {
        QFile file(p);
        if (!QFileInfo(p).isFile() || !file.open(QIODevice::ReadOnly))
            return std::nullopt;
        return file.read(1 << 20);
    };
    const GlobExpander glob = [](const QString& pattern) {
        const QFileInfo info(pattern);
        QDir dir = info.dir();
        QStringList out;
        const QStringList names = dir.entryList({info.fileName()}, QDir::Files, QDir::Name);
        for (const QString& name : names)
            out.append(dir.filePath(name));
        return out;
    };
    const std::optional<QByteArray> text = reader(path);
    if (!text)
        return {};
    return parse(*text, QFileInfo(path).absolutePath(), reader, glob);
}

QString SshConfigImport::vmName(const QString& text)
{
    QString name;
    for (const QChar c : text.toLower()) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        if (ok)
            name.append(c);
        else if (!name.isEmpty() && !name.endsWith(u'-'))
            name.append(u'-');
    }
    while (name.endsWith(u'-'))
        name.chop(1);
    name.truncate(63);
    while (name.endsWith(u'-'))
        name.chop(1);
    return name.isEmpty() ? u"vm"_qs : name;
}

Vm SshConfigImport::toVm(const SshConfigHost& host, const QString& group)
{
    Vm vm;
    vm.name = vmName(host.alias);
    vm.group = group;
    vm.address = host.hostName.isEmpty() ? host.alias : host.hostName;
    vm.ssh.user = host.user;
    vm.ssh.port = host.port;
    vm.ssh.jumpHost = host.proxyJump;
    vm.ssh.identityFile = host.identityFile;
    return vm;
}
