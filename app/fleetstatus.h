// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>

class FleetModel;
class PlanDocument;

/*!
 * The composition root's part of the VMs tab: whenever the window's document loads a plan, the
 * fleet model is seeded again with its VMs and what the plan's state file
 * (<plan>.state.json, written by `meshdeck onboard` and the wizard) says of each. The window
 * itself only sees the model as a QAbstractItemModel.
 */
class FleetStatus final : public QObject
{
    Q_OBJECT
public:
    FleetStatus(PlanDocument* document, FleetModel* model, QObject* parent = nullptr);

    /*! Why the state file could not be read, for the last load ("" = read, or none yet). */
    QString stateError() const { return m_stateError; }

private:
    void reseed();

    PlanDocument* m_document;
    FleetModel* m_model;
    QString m_stateError;
};
