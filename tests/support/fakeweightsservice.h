// SPDX-License-Identifier: Apache-2.0
#pragma once
// A WeightsService for the window's and the wizard's tests: routes set by the test, a diff that
// answers with the weight changes, an apply that records what it was asked and succeeds.

#include "weightedroutes.h"
#include "weightsservice.h"

class FakeWeightsDiff final : public WeightsDiffTask
{
public:
    FakeWeightsDiff(QStringList lines, QObject* parent)
        : WeightsDiffTask(parent)
        , m_lines(std::move(lines))
    {
    }
    QStringList lines() const override { return m_lines; }
    QString yaml() const override { return u"kind: VirtualService\n"_qs; }

private:
    void run() override { finish(); }
    QStringList m_lines;
};

class FakeWeightsApply final : public WeightsApplyTask
{
public:
    using WeightsApplyTask::WeightsApplyTask;
    QStringList changes() const override { return {u"VirtualService configured"_qs}; }

private:
    void run() override { finish(); }
};

class FakeWeightsService final : public WeightsService
{
public:
    using WeightsService::WeightsService;

    QList<WeightedRoute> routes() const override { return m_routes; }
    void refresh() override { ++refreshes; }
    bool isConnected() const override { return connected; }
    QString problem() const override { return {}; }
    int driftTolerance() const override { return 10; }
    WeightsDiffTask* diff(const WeightedRoute& route, const QList<int>& weights, QObject* parent) override
    {
        ++diffs;
        return new FakeWeightsDiff(WeightedRoutes::weightChanges(route, weights), parent);
    }
    WeightsApplyTask* apply(const WeightedRoute& route, const QList<int>& weights, QObject* parent) override
    {
        appliedRoutes << route.key();
        appliedWeights << weights;
        auto* task = new FakeWeightsApply(parent);
        const QString key = route.key();
        connect(task, &Task::finished, this, [this, key](const Error& error) {
            if (!error.isError())
                emit applied(key);
        });
        return task;
    }

    void setRoutes(const QList<WeightedRoute>& routes)
    {
        m_routes = routes;
        emit routesChanged();
    }

    bool connected = true;
    int refreshes = 0;
    int diffs = 0;
    QStringList appliedRoutes;
    QList<QList<int>> appliedWeights;

private:
    QList<WeightedRoute> m_routes;
};
