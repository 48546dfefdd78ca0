// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "task.h"
#include "weightedroute.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

/*!
 * \file
 * Route weights as the window sees and changes them (the Weights tab, the wizard's split page):
 * every traffic split of the plan and every weighted VirtualService route in the plan's graph
 * namespaces (WeightedRoute, model/plan), the share of traffic Prometheus saw reach each
 * destination, and two tasks for a proposed set of weights: the difference against the live
 * VirtualService, and its server-side apply. ops/ implements it on the cluster session of the
 * moment; tests give fakes.
 */

/*! What applying weights would change: read after finished(). */
class WeightsDiffTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    /*! One line per change: "reviews/v2: 20% → 50%"; a note when the VirtualService is new. */
    virtual QStringList lines() const = 0;
    /*! The VirtualService the apply would send, as YAML. */
    virtual QString yaml() const = 0;
};

/*! The server-side apply of one VirtualService with new weights. */
class WeightsApplyTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    /*! After finished(): what changed in the cluster ("VirtualService ns/name configured", ...). */
    virtual QStringList changes() const = 0;
};

/*!
 * The routes and their weights, kept by the service: routes() is what was read last, refresh()
 * reads again (the plan's splits at once, the cluster's VirtualServices and the observed shares
 * asynchronously), routesChanged() says when routes() or problem() changed. Nothing is sent
 * before refresh() or a task's start().
 */
class WeightsService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WeightsService)
public:
    using QObject::QObject;
    ~WeightsService() override = default;

    /*! The plan's splits and the cluster's weighted routes, merged (WeightedRoutes::merge), by key. */
    virtual QList<WeightedRoute> routes() const = 0;
    /*! Reads the cluster's VirtualServices and the observed shares again. */
    virtual void refresh() = 0;
    /*! Whether there is a cluster to read and apply to; without one only the plan's splits show. */
    virtual bool isConnected() const = 0;
    /*! Why the cluster's routes or the shares are missing (a sentence), or empty. */
    virtual QString problem() const = 0;
    /*! Percentage points between weight and observed share beyond which a destination drifted. */
    virtual int driftTolerance() const = 0;

    /*! What applying weights (one per destination of route, summing to 100) would change. */
    virtual WeightsDiffTask* diff(const WeightedRoute& route, const QList<int>& weights, QObject* parent) = 0;
    /*!
     * Applies route's VirtualService with weights, server-side (field manager "meshdeck"), and
     * only that object. applied() follows a success.
     */
    virtual WeightsApplyTask* apply(const WeightedRoute& route, const QList<int>& weights, QObject* parent) = 0;

signals:
    /*! routes() or problem() changed. */
    void routesChanged();
    /*! Weights of the route with this key were applied: the graph should fetch again. */
    void applied(const QString& routeKey);
};
