// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"

#include <QMap>
#include <QPointer>
#include <QStringList>
#include <QWizardPage>

#include <optional>

#include <memory>

class WizardContext;
struct SshConfigHost;

namespace Ui {
class VmListPage;
}

/*!
 * The onboarding wizard's page for the VMs (Plan::vms): a table to add, edit and remove them,
 * "Import from ~/.ssh/config" (SshConfigImport, SshImportDialog), and "Test connection" for the
 * selected VM, which runs OnboardingService::probeVm and shows the OS, architecture, systemd,
 * free disk, clock skew and whether the gateway's 15012 and 15443 answer from the VM. The probe's
 * questions (host key, password, sudo) go to WizardContext::questionAsked. The preview shows
 * every VM's files (cluster.env, mesh.yaml, hosts).
 */
class VmListPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VmListPage)
public:
    enum Column { NameColumn, GroupColumn, AddressColumn, IpColumn, UserColumn, PortColumn, JumpColumn, IdentityColumn };

    explicit VmListPage(WizardContext* context, QWidget* parent = nullptr);
    ~VmListPage() override;

    void initializePage() override;
    bool isComplete() const override;
    QStringList problems() const { return m_problems; }

    /*! Adds a VM in the first group and starts editing its name. */
    void addVm();
    void removeVm();
    /*! Adds a VM per entry, names made unique; an entry whose address is already a VM's is skipped. */
    void importHosts(const QList<SshConfigHost>& hosts, const QString& group);
    /*! Reads ~/.ssh/config on a worker, then offers its Host entries. */
    void startImport();
    /*! Probes the selected VM (nothing without a service or a selection). */
    void testConnection();
    /*! The last probe result of a VM, if it was tested. */
    std::optional<VmProbeInfo> probeResult(const QString& vm) const;

signals:
    /*! A connection test ended (error empty on success). */
    void probeFinished(const QString& vm, const QString& error);

private:
    void load();
    void storeCell(int row, int column);
    void showProbe();
    void probeDone(ProbeTask* task, const QString& vm);
    void offerImport(const QList<SshConfigHost>& hosts);
    void revalidate();

    std::unique_ptr<Ui::VmListPage> ui;
    WizardContext* m_context;
    QPointer<ProbeTask> m_probe;
    QString m_probing;
    QMap<QString, VmProbeInfo> m_results;
    QMap<QString, QString> m_errors;
    QStringList m_problems;
};
