// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "generators.h"

#include <QList>

/*! Everything a plan generates, in apply order. */
struct Generated
{
    QList<Resource> resources; //!< apply order; de-duplicated by Resource::key()
    QList<VmBundle> vmBundles; //!< one per VM (plus legacy files where the plan has the legacy flow)
    Problems problems;         //!< from the generators (sample certificates, VIP pool, ...)

    QList<Resource> kubectlResources() const;  //!< what `kubectl apply -f` takes
    QList<Resource> istioctlResources() const; //!< IstioOperators for `istioctl install -f`
    /*! What a cleanup deletes: reverse apply order, without shared objects (keepOnCleanup). */
    QList<Resource> cleanupResources() const;
    /*! The resources of one stage, in apply order (what the window previews for a stage). */
    QList<Resource> resourcesIn(Stage stage) const;
    /*! How many VM files the bundles hold, over all VMs. */
    qsizetype vmFileCount() const;
};

/*! Runs every generator in apply order. Pure: same inputs, same output. */
Generated generate(const Plan& plan, const ClusterFacts& facts, const PluginCaMaterial& ca);

/*! Reads the plug-in CA files the plan names (I/O; the generators themselves do none). */
PluginCaMaterial readPluginCa(const Plan& plan, Problems* problems);

/*! Loads the CA material and generates, for callers that have no cluster (export, preview). */
Generated generateOffline(const Plan& plan);
