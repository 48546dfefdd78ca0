// SPDX-License-Identifier: Apache-2.0
#include "gatewayaddress.h"

#include "validation.h"

#include <QJsonArray>

GatewayAddress GatewayAddress::of(const QJsonObject& service)
{
    GatewayAddress address;
    const QJsonObject first = service[u"status"_qs][u"loadBalancer"_qs][u"ingress"_qs].toArray().first().toObject();
    const QString ingressIp = first[u"ip"_qs].toString();
    if (Validation::isIpAddress(ingressIp)) {
        address.ip = ingressIp;
        address.source = u"status.loadBalancer.ingress"_qs;
        return address;
    }
    const QString external = service[u"spec"_qs][u"externalIPs"_qs].toArray().first().toString();
    if (Validation::isIpAddress(external)) {
        address.ip = external;
        address.source = u"spec.externalIPs"_qs;
        return address;
    }
    address.hostname = first[u"hostname"_qs].toString();
    return address;
}

QString GatewayAddress::forVms(const Plan& plan, const QString& serviceAddress)
{
    return plan.eastWestGateway.address.isEmpty() ? serviceAddress : plan.eastWestGateway.address;
}
