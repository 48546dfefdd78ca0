// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

// Plans shared by the ui tests: the book chapter's VM group (one envoy on a VM behind a
// Service), small enough that the line numbers below can be checked by eye.
namespace TestPlans {

inline QByteArray demo()
{
    return QByteArrayLiteral(
        "apiVersion: meshdeck.io/v1alpha1\n"      //  1
        "kind: OnboardingPlan\n"                  //  2
        "metadata:\n"                             //  3
        "  name: demo\n"                          //  4
        "mesh:\n"                                 //  5
        "  istioVersion: \"1.29.0\"\n"            //  6
        "  meshID: mesh1\n"                       //  7
        "  clusterName: cluster1\n"               //  8
        "  network: network1\n"                   //  9
        "vmGroups:\n"                             // 10
        "- name: envoydummy\n"                    // 11
        "  namespace: chapter10vm\n"              // 12
        "  serviceAccount: chapter10-sa\n"        // 13
        "  labels: {app: envoydummy}\n"           // 14
        "  probe:\n"                              // 15
        "    periodSeconds: 5\n"                  // 16
        "    initialDelaySeconds: 1\n"            // 17
        "    httpGet: {port: 10000, path: /}\n"   // 18
        "  service:\n"                            // 19
        "    ports:\n"                            // 20
        "    - {name: tcp, port: 80, targetPort: 10000}\n" // 21
        "vms:\n"                                  // 22
        "- name: vm1\n"                           // 23
        "  group: envoydummy\n"                   // 24
        "  address: 198.18.0.10\n");              // 25
}
constexpr int demoGroupLine = 11; //!< "- name: envoydummy", where vmGroups[0] starts
constexpr int demoVmLine = 23;    //!< "- name: vm1", where vms[0] starts

/*! demo() with a misspelt key on line 13 ("serviceAcount"), which the loader must reject. */
inline QByteArray misspelt()
{
    QByteArray text = demo();
    text.replace("  serviceAccount: chapter10-sa\n", "  serviceAcount: chapter10-sa\n");
    return text;
}
constexpr int misspeltLine = 13;

/*! Two VMs, vm1 and vm2 (their address = their name), in group g of namespace ns. */
inline Plan twoVmPlan()
{
    Plan plan;
    VmGroup group;
    group.name = u"g"_qs;
    group.namespaceName = u"ns"_qs;
    plan.vmGroups.append(group);
    for (const QString& name : {u"vm1"_qs, u"vm2"_qs}) {
        Vm vm;
        vm.name = name;
        vm.group = u"g"_qs;
        vm.address = name;
        plan.vms.append(vm);
    }
    return plan;
}

/*! demo() with a second VM in the same group. */
inline QByteArray twoVms()
{
    return demo() + "- name: vm2\n  group: envoydummy\n  address: 198.18.0.11\n";
}

inline QString write(const QString& directory, const QString& name, const QByteArray& text)
{
    const QString path = QDir(directory).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        return {};
    return path;
}

} // namespace TestPlans
