// SPDX-License-Identifier: Apache-2.0
// The install script's field parser (InstallScript::parseFields): `key=value` lines of the sudo
// scripts and `Key: value` lines of systemctl show / dpkg (first byte: even '=', odd ':').
#include "fuzzsupport.h"
#include "installscript.h"

#include <QHash>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzInput input(data, size);
    const QChar separator = input.takeByte() % 2 == 0 ? QLatin1Char('=') : QLatin1Char(':');
    const QHash<QString, QString> fields = InstallScript::parseFields(input.rest(), separator);
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        FUZZ_ASSERT(it.key() == it.key().trimmed());
    return 0;
}
