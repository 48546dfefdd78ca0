// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "preflight.h"

#include <QList>

/*!
 * The cluster page's rule (plain, tested without widgets): Next once preflight has run with no
 * Fail; warnings only with an explicit "continue anyway".
 */
class PreflightGate
{
public:
    void setChecks(const QList<PreflightCheck>& checks);
    void reset() { *this = PreflightGate{}; }
    void setContinueAnyway(bool yes) { m_continueAnyway = yes; }

    bool hasRun() const { return m_ran; }
    int passes() const { return m_passes; }
    int warnings() const { return m_warnings; }
    int failures() const { return m_failures; }
    /*! "Continue anyway" makes sense: warnings and no failure. */
    bool canOverride() const { return m_ran && m_failures == 0 && m_warnings > 0; }
    bool canProceed() const { return m_ran && m_failures == 0 && (m_warnings == 0 || m_continueAnyway); }

private:
    bool m_ran = false;
    bool m_continueAnyway = false;
    int m_passes = 0;
    int m_warnings = 0;
    int m_failures = 0;
};
