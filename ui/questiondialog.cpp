// SPDX-License-Identifier: Apache-2.0
#include "questiondialog.h"

#include "question.h"
#include "secrets.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QString detail(const Question* question, const char* name)
{
    return question->property(name).toString();
}

// A command line as a POSIX shell would need it typed: only for showing it.
QString shellQuoted(const QString& word)
{
    static const QString safe = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_"_qs;
    if (!word.isEmpty() && std::all_of(word.begin(), word.end(), [](QChar c) { return safe.contains(c); }))
        return word;
    QString quoted = word;
    quoted.replace(u'\'', u"'\\''"_qs);
    return u'\'' + quoted + u'\'';
}

QLabel* textLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel* codeLabel(const QString& text, QWidget* parent)
{
    QLabel* label = textLabel(text, parent);
    label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return label;
}

} // namespace

QuestionDialog* QuestionDialog::ask(Question* question, QWidget* parent)
{
    auto* dialog = new QuestionDialog(question, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

QuestionDialog::QuestionDialog(Question* question, QWidget* parent)
    : QDialog(parent)
    , m_question(question)
{
    setObjectName(u"questionDialog"_qs);
    build();
    if (question) {
        connect(question, &Question::withdrawn, this, &QuestionDialog::onWithdrawn);
        connect(question, &QObject::destroyed, this, &QuestionDialog::onWithdrawn);
    }
}

QuestionDialog::~QuestionDialog()
{
    // Closed some other way (the window went away): the asker must not wait for ever.
    if (!m_finished && m_question)
        m_question->reject();
}

QString QuestionDialog::text() const
{
    return m_text;
}

void QuestionDialog::build()
{
    auto* layout = new QVBoxLayout(this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
    QStringList texts;
    auto addText = [&](const QString& text) {
        layout->addWidget(textLabel(text, this));
        texts.append(text);
    };
    auto addCode = [&](const QString& text) {
        layout->addWidget(codeLabel(text, this));
        texts.append(text);
    };
    auto addSecret = [&] {
        m_secret = new QLineEdit(this);
        m_secret->setObjectName(u"secret"_qs);
        m_secret->setEchoMode(QLineEdit::Password);
        layout->addWidget(m_secret);
        m_secret->setFocus();
    };
    auto addEveryVmChoice = [&] {
        m_everyVm = new QCheckBox(tr("Use this password for every VM of this run that asks"), this);
        m_everyVm->setObjectName(u"everyVm"_qs);
        m_everyVm->setToolTip(tr("Off, each VM's own password is asked for: a VM you do not trust never "
                                 "sees the others' password."));
        layout->addWidget(m_everyVm);
    };

    const Question* q = m_question;
    if (!q) {
        addText(tr("The question is no longer open."));
    } else {
        switch (q->kind()) {
        case Question::Kind::HostKey: {
            const QString host = detail(q, "host");
            setWindowTitle(tr("New host key for %1").arg(q->subject()));
            addText(detail(q, "jumpHost") == u"true"
                        ? tr("The jump host %1 on the way to %2 offered a %3 key:").arg(host, q->subject(), detail(q, "keyType"))
                        : tr("%1 offered a %2 key:").arg(host, detail(q, "keyType")));
            addCode(detail(q, "fingerprint"));
            addText(tr("The key is new: nobody has confirmed it on this machine yet. Compare the fingerprint with the one "
                       "the host's administrator gives you (ssh-keygen -lf on the host's key) before trusting it."));
            addText(tr("Trusting it adds it to %1.").arg(QDir::toNativeSeparators(detail(q, "knownHostsFile"))));
            ok->setText(tr("Trust this key"));
            break;
        }
        case Question::Kind::Password:
            setWindowTitle(tr("Password for %1").arg(q->subject()));
            addText(detail(q, "prompt").isEmpty() ? tr("ssh asks for a password for %1.").arg(q->subject())
                                                    : detail(q, "prompt"));
            addSecret();
            break;
        case Question::Kind::SudoPassword:
            setWindowTitle(tr("sudo password for %1").arg(q->subject()));
            addText(tr("sudo on %1 needs your password. It is kept in memory for this run only.").arg(q->subject()));
            if (detail(q, "retry") == u"true")
                addText(tr("The previous password was refused there: try again."));
            addSecret();
            // Each VM's own password unless the user says otherwise (security review H3).
            if (detail(q, "offerEveryVm") == u"true")
                addEveryVmChoice();
            break;
        case Question::Kind::ExecPlugin: {
            setWindowTitle(tr("Run an exec plugin?"));
            const QString file = QDir::toNativeSeparators(detail(q, "kubeconfigFile"));
            addText(tr("The plan's kubeconfig %1 asks meshdeck to run this program to log in (%2):")
                        .arg(file, detail(q, "context")));
            QStringList words{shellQuoted(detail(q, "command"))};
            for (const QString& arg : q->property("arguments").toStringList())
                words.append(shellQuoted(arg));
            addCode(words.join(u' '));
            addText(tr("It is not your own kubeconfig: run the program only if you trust where the plan comes from. "
                       "meshdeck remembers your yes for this kubeconfig and this command."));
            ok->setText(tr("Run it"));
            buttons->button(QDialogButtonBox::Cancel)->setText(tr("Don't run"));
            break;
        }
        }
    }
    m_text = texts.join(u'\n');
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void QuestionDialog::done(int result)
{
    if (!m_finished && m_question) {
        m_finished = true;
        Question* q = m_question;
        if (result != QDialog::Accepted) {
            q->reject();
        } else if (m_secret) {
            if (m_everyVm)
                q->setProperty("forEveryVm", m_everyVm->isChecked());
            QByteArray secret = m_secret->text().toUtf8();
            q->answer(secret);
            Secrets::wipe(secret); // our copies: the byte array here and the line edit's text
            m_secret->clear();
        } else {
            q->accept();
        }
    }
    if (m_secret)
        m_secret->clear();
    QDialog::done(result);
}

void QuestionDialog::onWithdrawn()
{
    if (m_finished)
        return;
    m_finished = true; // nobody listens any more: close without an answer
    if (m_secret)
        m_secret->clear();
    QDialog::done(QDialog::Rejected);
}
