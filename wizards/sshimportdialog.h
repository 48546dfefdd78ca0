// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sshconfigimport.h"

#include <QDialog>

class QComboBox;
class QListWidget;

/*!
 * Picks Host entries of ~/.ssh/config to add as VMs, and the group they join. Built in code: its
 * content is a generated list. Open it with open(), never exec(); chosen() after accepted().
 */
class SshImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshImportDialog)
public:
    SshImportDialog(const QList<SshConfigHost>& hosts, const QStringList& groups, QWidget* parent = nullptr);
    ~SshImportDialog() override;

    /*! The ticked entries. */
    QList<SshConfigHost> chosen() const;
    QString group() const;

private:
    QList<SshConfigHost> m_hosts;
    QListWidget* m_list;
    QComboBox* m_group;
};
