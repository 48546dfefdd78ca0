// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>
#include <QWizardPage>

#include <memory>

class WizardContext;

namespace Ui {
class GroupPage;
}

/*!
 * The onboarding wizard's page for the VM groups (Plan::vmGroups): the list of groups on the
 * left, the selected group's editor on the right (name, namespace, service account, network,
 * labels, workload and Service ports, every probe field, auto-registration, DNS capture, token
 * duration). The conversions and rules are GroupForm's. The preview shows the groups' Namespace,
 * ServiceAccount, WorkloadGroup and Service.
 */
class GroupPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupPage)
public:
    explicit GroupPage(WizardContext* context, QWidget* parent = nullptr);
    ~GroupPage() override;

    void initializePage() override;
    bool isComplete() const override;
    QStringList problems() const { return m_problems; }

    /*! The group the editor shows (index in Plan::vmGroups), -1 = none. */
    int currentGroup() const { return m_current; }
    void selectGroup(int index);
    /*! Adds a group with a fresh name and selects it. */
    void addGroup();
    void removeGroup();

private:
    void loadList();
    void loadGroup();
    void store();
    void updateProbeFields();
    void revalidate();

    std::unique_ptr<Ui::GroupPage> ui;
    WizardContext* m_context;
    int m_current = -1;
    QStringList m_tableProblems;
    QStringList m_problems;
    bool m_loading = false;
};
