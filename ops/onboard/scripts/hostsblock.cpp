// SPDX-License-Identifier: Apache-2.0
#include "hostsblock.h"

#include <QList>

namespace {

bool isMarker(const QByteArray& line, const char* marker)
{
    return line.trimmed() == marker;
}

struct Parsed
{
    QList<QByteArray> outside; //!< lines outside any block, in order
    qsizetype firstBlockAt = -1; //!< index in outside where the first block stood
    QByteArray firstBlock;
    QString error;
};

Parsed parse(const QByteArray& hosts)
{
    Parsed p;
    QList<QByteArray> lines = hosts.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast(); // the split after the final newline
    bool inBlock = false;
    bool firstDone = false;
    for (const QByteArray& line : std::as_const(lines)) {
        if (!inBlock && isMarker(line, HostsBlock::beginMarker)) {
            inBlock = true;
            if (p.firstBlockAt < 0)
                p.firstBlockAt = p.outside.size();
            continue;
        }
        if (inBlock && isMarker(line, HostsBlock::endMarker)) {
            inBlock = false;
            firstDone = true;
            continue;
        }
        if (inBlock) {
            if (isMarker(line, HostsBlock::beginMarker)) {
                p.error = u"/etc/hosts has a \"# BEGIN meshdeck\" line inside a meshdeck block; fix it by hand"_qs;
                return p;
            }
            if (!firstDone)
                p.firstBlock += line + '\n';
            continue;
        }
        if (isMarker(line, HostsBlock::endMarker)) {
            p.error = u"/etc/hosts has a \"# END meshdeck\" line without its \"# BEGIN meshdeck\"; fix it by hand"_qs;
            return p;
        }
        p.outside.append(line);
    }
    if (inBlock)
        p.error = u"/etc/hosts has a \"# BEGIN meshdeck\" line without its \"# END meshdeck\"; fix it by hand"_qs;
    return p;
}

QByteArray joined(const QList<QByteArray>& lines)
{
    QByteArray out;
    for (const QByteArray& l : lines)
        out += l + '\n';
    return out;
}

} // namespace

namespace HostsBlock {

Edit replace(const QByteArray& hosts, const QByteArray& lines)
{
    Edit edit;
    const Parsed p = parse(hosts);
    if (!p.error.isEmpty()) {
        edit.content = hosts;
        edit.error = p.error;
        return edit;
    }
    QList<QByteArray> out = p.outside;
    QByteArray body = lines;
    if (!body.isEmpty() && !body.endsWith('\n'))
        body += '\n';
    if (!body.isEmpty()) {
        QList<QByteArray> block{QByteArray(beginMarker)};
        QList<QByteArray> bodyLines = body.split('\n');
        bodyLines.removeLast();
        block += bodyLines;
        block.append(QByteArray(endMarker));
        const qsizetype at = p.firstBlockAt >= 0 ? p.firstBlockAt : out.size();
        for (qsizetype i = 0; i < block.size(); ++i)
            out.insert(at + i, block.at(i));
    }
    edit.content = joined(out);
    // A file that had no final newline gets one only where a block was added or removed.
    if (p.firstBlockAt < 0 && body.isEmpty())
        edit.content = hosts;
    edit.changed = edit.content != hosts;
    return edit;
}

Edit remove(const QByteArray& hosts)
{
    return replace(hosts, {});
}

QByteArray current(const QByteArray& hosts)
{
    return parse(hosts).firstBlock;
}

} // namespace HostsBlock
