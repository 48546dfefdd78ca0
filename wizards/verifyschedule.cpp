// SPDX-License-Identifier: Apache-2.0
#include "verifyschedule.h"

bool VerifySchedule::allHealthy(const QList<EntryHealth>& entries, const QList<ServiceEndpointsInfo>& services,
                                const QStringList& groupsWithoutEntries)
{
    if (!groupsWithoutEntries.isEmpty() || entries.isEmpty())
        return false;
    for (const EntryHealth& e : entries)
        if (e.healthy != u"True")
            return false;
    for (const ServiceEndpointsInfo& s : services)
        if (s.ready.isEmpty() || !s.notReady.isEmpty())
            return false;
    return true;
}
