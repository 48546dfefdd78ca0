// SPDX-License-Identifier: Apache-2.0
#include "sshimportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

SshImportDialog::SshImportDialog(const QList<SshConfigHost>& hosts, const QStringList& groups, QWidget* parent)
    : QDialog(parent)
    , m_hosts(hosts)
    , m_list(new QListWidget(this))
    , m_group(new QComboBox(this))
{
    setWindowTitle(tr("Import VMs from ~/.ssh/config"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Host entries (wildcard patterns and Match blocks are left out):"), this));
    for (const SshConfigHost& host : hosts) {
        QString text = host.alias;
        if (!host.hostName.isEmpty() || !host.user.isEmpty()) {
            const QString target = (host.user.isEmpty() ? QString() : host.user + u'@')
                                   + (host.hostName.isEmpty() ? host.alias : host.hostName)
                                   + (host.port ? u':' + QString::number(host.port) : QString());
            text = tr("%1 (%2)").arg(host.alias, target);
        }
        auto* item = new QListWidgetItem(text, m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    layout->addWidget(m_list, 1);
    auto* form = new QFormLayout;
    m_group->addItems(groups);
    form->addRow(tr("Add to the &group:"), m_group);
    layout->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

SshImportDialog::~SshImportDialog() = default;

QList<SshConfigHost> SshImportDialog::chosen() const
{
    QList<SshConfigHost> out;
    for (int i = 0; i < m_list->count() && i < m_hosts.size(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            out.append(m_hosts[i]);
    }
    return out;
}

QString SshImportDialog::group() const
{
    return m_group->currentText();
}
