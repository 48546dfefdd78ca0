// SPDX-License-Identifier: Apache-2.0
// The hosts block (ops/onboard/scripts/hostsblock.h): a VM's /etc/hosts as found, edited.
// Input: the new block's lines, a NUL byte, then the file. When the edit succeeds: the block
// reads back as written, a second edit changes nothing, removing it leaves no block, and the
// file's other lines stay as they were.
#include "fuzzsupport.h"
#include "hostsblock.h"

#include <QList>

namespace {

bool hasMarker(const QByteArray& text)
{
    for (const QByteArray& line : text.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed == HostsBlock::beginMarker || trimmed == HostsBlock::endMarker)
            return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = fuzzBytes(data, size);
    const qsizetype nul = input.indexOf('\0');
    const QByteArray lines = nul < 0 ? QByteArray() : input.left(nul);
    const QByteArray hosts = nul < 0 ? input : input.mid(nul + 1);

    (void)HostsBlock::current(hosts);
    const HostsBlock::Edit edit = HostsBlock::replace(hosts, lines);
    if (!edit.ok()) {
        FUZZ_ASSERT(edit.content == hosts && !edit.changed);
        return 0;
    }
    FUZZ_ASSERT(edit.changed == (edit.content != hosts));
    if (hasMarker(lines))
        return 0; // markers in the block's own lines: not what onboarding writes
    QByteArray body = lines;
    if (!body.isEmpty() && !body.endsWith('\n'))
        body += '\n';
    FUZZ_ASSERT(HostsBlock::current(edit.content) == body);
    const HostsBlock::Edit again = HostsBlock::replace(edit.content, lines);
    FUZZ_ASSERT(again.ok() && !again.changed && again.content == edit.content);
    const HostsBlock::Edit removed = HostsBlock::remove(edit.content);
    FUZZ_ASSERT(removed.ok() && HostsBlock::current(removed.content).isEmpty());
    FUZZ_ASSERT(!hasMarker(removed.content));
    return 0;
}
