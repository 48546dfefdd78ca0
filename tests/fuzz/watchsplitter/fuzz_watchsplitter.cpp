// SPDX-License-Identifier: Apache-2.0
// The watch stream splitter (kube/watchevent.h): a watch response body arriving in network
// chunks that end anywhere. The first byte seeds the chunk sizes; the lines must be the same
// however the body was cut, none holds a newline, and the pending tail holds none either.
#include "fuzzsupport.h"
#include "watchevent.h"

#include <QList>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzInput input(data, size);
    unsigned seed = input.takeByte();
    const QByteArray body = input.rest();

    WatchStreamSplitter whole;
    const QList<QByteArray> expected = whole.feed(body);

    WatchStreamSplitter chunked;
    QList<QByteArray> lines;
    for (qsizetype at = 0; at < body.size();) {
        seed = seed * 1103515245u + 12345u;
        const qsizetype length = 1 + static_cast<qsizetype>((seed >> 16) % 64u);
        lines += chunked.feed(body.mid(at, length));
        FUZZ_ASSERT(!chunked.pending().contains('\n'));
        at += length;
    }
    FUZZ_ASSERT(lines == expected);
    FUZZ_ASSERT(chunked.pending() == whole.pending());
    for (const QByteArray& line : lines)
        FUZZ_ASSERT(!line.isEmpty() && !line.contains('\n'));
    return 0;
}
