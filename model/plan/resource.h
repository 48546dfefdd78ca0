// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

/*!
 * One generated Kubernetes object, complete (apiVersion, kind, metadata, ...), as JSON so that
 * the same value is written as YAML for export and sent as an apply patch to the API server.
 */
/*! The onboarding stage a generated object belongs to; orders export and groups the UI tree. */
enum class Stage {
    ControlPlane,    //!< istio namespace label, cacerts, the control-plane IstioOperator
    EastWestGateway, //!< the gateway, in either form
    IstiodExposure,  //!< istiod-gateway/istiod-vs and the cross-network gateway
    VmGroup,         //!< namespace, ServiceAccount, WorkloadGroup, Service
    Legacy,          //!< *.global ServiceEntries and add-to-mesh pairs
    TrafficSplit,    //!< VirtualService and DestinationRules of a split (last: its hosts come first)
};

struct Resource
{
    QJsonObject object;
    Stage stage = Stage::ControlPlane; //!< set by the generator that made it
    QString origin; //!< the plan field that produced it, e.g. "vmGroups[0]" (for the UI and errors)
    /*! Where it goes: applied with kubectl, or installed with `istioctl install -f` (IstioOperator). */
    enum class Channel { Kubectl, Istioctl } channel = Channel::Kubectl;
    /*! Shared with the rest of the cluster (the istio namespace, cacerts): never part of a cleanup. */
    bool keepOnCleanup = false;

    QString apiVersion() const;
    QString kind() const;
    QString name() const;
    QString namespaceName() const;
    /*! "Kind/namespace/name" or "Kind/name": stable identity for tests, diffs and the UI. */
    QString key() const;
};

/*! A file generated for a VM, e.g. cluster.env. */
struct VmFile
{
    QString name;       //!< file name as istioctl writes it: cluster.env, mesh.yaml, hosts, ...
    QByteArray content;
    QString installPath; //!< where the onboarding engine installs it on the VM
    friend bool operator==(const VmFile&, const VmFile&) = default;
};

struct VmBundle
{
    QString vm; //!< Vm::name
    QList<VmFile> files;
    const VmFile* file(const QString& name) const;
};
