// SPDX-License-Identifier: Apache-2.0
#include "preflightgate.h"

void PreflightGate::setChecks(const QList<PreflightCheck>& checks)
{
    m_ran = true;
    m_passes = m_warnings = m_failures = 0;
    for (const PreflightCheck& c : checks) {
        switch (c.status) {
        case PreflightCheck::Status::Pass: ++m_passes; break;
        case PreflightCheck::Status::Warn: ++m_warnings; break;
        case PreflightCheck::Status::Fail: ++m_failures; break;
        }
    }
}
