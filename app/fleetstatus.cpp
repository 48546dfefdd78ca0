// SPDX-License-Identifier: Apache-2.0
#include "fleetstatus.h"

#include "fleetmodel.h"
#include "onboardstate.h"
#include "plandocument.h"

FleetStatus::FleetStatus(PlanDocument* document, FleetModel* model, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_model(model)
{
    connect(document, &PlanDocument::loaded, this, &FleetStatus::reseed);
    reseed();
}

void FleetStatus::reseed()
{
    const PlanSnapshot& snapshot = m_document->snapshot();
    m_stateError.clear();
    if (!snapshot.load.plan) {
        m_model->seed(Plan{});
        return;
    }
    // A state file that cannot be read leaves the VMs as "waiting": the tab still lists them.
    const OnboardState state = OnboardState::load(OnboardState::pathForPlan(snapshot.path), &m_stateError);
    m_model->seed(*snapshot.load.plan, {}, m_stateError.isEmpty() ? &state : nullptr);
}
