// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"

#include <QJsonObject>
#include <QString>

/*!
 * The east-west gateway's address as the VMs need it, read from its Service by one rule, the one
 * `istioctl x workload entry configure` follows: status.loadBalancer.ingress[0].ip, else
 * spec.externalIPs[0]. The address goes into the VMs' hosts file (istiod's name → the gateway),
 * so it must be an IP. A load balancer that has only a host name (AWS ELB) gives no address:
 * istioctl then writes an empty hosts file (istio#31624), the VMs cannot reach istiod, and
 * meshdeck says so everywhere it reads the Service (preflight fails, the bundle warns) with the
 * fix: give eastWestGateway.address, one of the load balancer's IPs.
 *
 * Which address the VMs get is forVms(): the plan's eastWestGateway.address when it has one, as
 * istioctl's --ingressIP wins over the address of its --ingressService; a Service address that
 * differs is said where it is read (preflight's check, the cluster facts' warning).
 *
 * Preflight (ops/cluster/preflightrun), the cluster facts for the VM files
 * (ops/cluster/clusterfactsrun) and apply's wait for the load balancer (ops/cluster/applyrun) all
 * read the Service through this.
 */
struct GatewayAddress
{
    QString ip;       //!< the address the VMs use; empty = none (yet)
    QString source;   //!< "status.loadBalancer.ingress", "spec.externalIPs", or empty
    QString hostname; //!< the load balancer's host name, when it has one but no IP

    /*! The load balancer has given the Service something (an IP or a host name). */
    bool provisioned() const { return !ip.isEmpty() || !hostname.isEmpty(); }
    /*! Provisioned with a host name only: no address the hosts file can use. */
    bool hostnameOnly() const { return ip.isEmpty() && !hostname.isEmpty(); }

    static GatewayAddress of(const QJsonObject& service);

    /*!
     * The address the VMs' hosts file gets: the plan's eastWestGateway.address when set, else the
     * one the gateway Service gave (serviceAddress, of().ip; empty = none). Not legacy.gatewayAddress:
     * the legacy flow's callers fall back to it themselves.
     */
    static QString forVms(const Plan& plan, const QString& serviceAddress);
};
