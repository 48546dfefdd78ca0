// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inflight.h"
#include "kubeclient.h"
#include "kubeoperation.h"
#include "objectref.h"
#include "operror.h"
#include "plan.h"
#include "weightsservice.h"

#include <QJsonObject>
#include <QPointer>

#include <functional>

/*!
 * What WeightsDiffRun and WeightsApplyRun share: the plan, the route, the new weights and the
 * borrowed client they are made with, and the fresh read of the route's VirtualService each
 * starts from (not the one listed when the page filled: someone may have changed it since).
 * Base is the task interface the run implements (WeightsDiffTask or WeightsApplyTask); a
 * template because the two interfaces are different Tasks. It has no tr() of its own, so every
 * message keeps the run's translation context.
 */
template<class Base>
class WeightsRun : public Base
{
protected:
    /*! client is borrowed. */
    WeightsRun(KubeClient* client, Plan plan, WeightedRoute route, QList<int> weights, QObject* parent)
        : Base(parent)
        , m_client(client)
        , m_plan(std::move(plan))
        , m_route(std::move(route))
        , m_weights(std::move(weights))
    {
    }

    /*! An InvalidInput error saying message. */
    static Error invalid(const QString& message)
    {
        Error error;
        error.kind = Error::Kind::InvalidInput;
        error.message = message;
        return error;
    }

    /*!
     * Reads object (a VirtualService) afresh through the client, which must be set: then(live)
     * with the cluster's copy, or then({}) when it is not in the cluster (404); any other answer
     * finishes the run with its error. cancel() stops the read.
     */
    void readLive(const QJsonObject& object, std::function<void(const QJsonObject&)> then)
    {
        KubeOperation* op = m_client->get(ObjectRef::of(object));
        QObject::connect(op, &KubeOperation::finished, this, [this, then = std::move(then)](const KubeResult& result) {
            if (result.ok())
                then(result.json);
            else if (result.httpStatus == 404)
                then({});
            else
                this->finish(toError(result.error));
        });
        m_inFlight.start(op);
    }

    void abort() override { m_inFlight.cancelAll(); }

    QPointer<KubeClient> m_client;
    Plan m_plan;
    WeightedRoute m_route;
    QList<int> m_weights;
    InFlight m_inFlight;
};
