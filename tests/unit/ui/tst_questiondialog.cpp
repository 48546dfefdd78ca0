// SPDX-License-Identifier: Apache-2.0
// QuestionDialog: every kind of core Question shown from its properties, answered (yes, a
// secret), rejected (Cancel, closing), and closed without an answer when withdrawn or deleted.
#include "questiondialog.h"

#include "question.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

namespace {

class FakeQuestion final : public Question
{
    Q_OBJECT
    Q_PROPERTY(QString command MEMBER command CONSTANT)
    Q_PROPERTY(QStringList arguments MEMBER arguments CONSTANT)
    Q_PROPERTY(QString kubeconfigFile MEMBER kubeconfigFile CONSTANT)
    Q_PROPERTY(QString context MEMBER context CONSTANT)
    Q_PROPERTY(QString host MEMBER host CONSTANT)
    Q_PROPERTY(QString keyType MEMBER keyType CONSTANT)
    Q_PROPERTY(QString fingerprint MEMBER fingerprint CONSTANT)
    Q_PROPERTY(QString knownHostsFile MEMBER knownHostsFile CONSTANT)
    Q_PROPERTY(QString prompt MEMBER prompt CONSTANT)
    Q_PROPERTY(bool offerEveryVm MEMBER offerEveryVm CONSTANT)
    Q_PROPERTY(bool forEveryVm MEMBER forEveryVm)
public:
    explicit FakeQuestion(Kind kind)
        : m_kind(kind)
    {
    }
    Kind kind() const override { return m_kind; }
    QString subject() const override { return u"vm-1"_qs; }
    void accept() override { ++accepted; }
    void answer(const QByteArray& secret) override { answers.append(secret); }
    void reject() override { ++rejected; }

    QString command = u"/repo/bin/login.sh"_qs;
    QStringList arguments{u"--cluster"_qs, u"prod east"_qs};
    QString kubeconfigFile = u"/repo/kubeconfig"_qs;
    QString context = u"context \"prod\""_qs;
    QString host = u"10.0.0.5"_qs;
    QString keyType = u"ED25519"_qs;
    QString fingerprint = u"SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"_qs;
    QString knownHostsFile = u"/home/someone/.ssh/known_hosts"_qs;
    QString prompt = u"someone@10.0.0.5's password:"_qs;
    bool offerEveryVm = false;
    bool forEveryVm = false;
    int accepted = 0;
    int rejected = 0;
    QList<QByteArray> answers;

private:
    Kind m_kind;
};

} // namespace

class TestQuestionDialog final : public QObject
{
    Q_OBJECT

private slots:
    void execPluginShowsCommandAndAccepts()
    {
        QWidget parent;
        FakeQuestion question(Question::Kind::ExecPlugin);
        QPointer<QuestionDialog> dialog = QuestionDialog::ask(&question, &parent);
        QVERIFY(dialog->isVisible()); // open(), not exec(): we are back here at once
        QVERIFY(dialog->text().contains(u"/repo/bin/login.sh --cluster 'prod east'"_qs));
        QVERIFY(dialog->text().contains(u"/repo/kubeconfig"_qs));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(question.accepted, 1);
        QCOMPARE(question.rejected, 0);
        QTRY_VERIFY(!dialog); // deletes itself
    }

    void hostKeyShowsFingerprintAndRejects()
    {
        QWidget parent;
        FakeQuestion question(Question::Kind::HostKey);
        QPointer<QuestionDialog> dialog = QuestionDialog::ask(&question, &parent);
        QVERIFY(dialog->text().contains(question.fingerprint));
        QVERIFY(dialog->text().contains(u"ED25519"_qs));
        QVERIFY(dialog->text().contains(u"The key is new"_qs));
        dialog->reject();
        QCOMPARE(question.rejected, 1);
        QCOMPARE(question.accepted, 0);
    }

    void passwordAnsweredAndWiped()
    {
        QWidget parent;
        FakeQuestion question(Question::Kind::Password);
        QPointer<QuestionDialog> dialog = QuestionDialog::ask(&question, &parent);
        QLineEdit* edit = dialog->secretEdit();
        QVERIFY(edit);
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        QVERIFY(dialog->text().contains(question.prompt));
        edit->setText(u"s3cret"_qs);
        dialog->accept();
        QCOMPARE(question.answers, QList<QByteArray>{"s3cret"});
        QVERIFY(edit->text().isEmpty());
    }

    void sudoPassword()
    {
        QWidget parent;
        FakeQuestion question(Question::Kind::SudoPassword);
        QPointer<QuestionDialog> dialog = QuestionDialog::ask(&question, &parent);
        QVERIFY(dialog->secretEdit());
        QVERIFY(dialog->text().contains(u"vm-1"_qs));
        dialog->reject();
        QCOMPARE(question.rejected, 1);
        QVERIFY(question.answers.isEmpty());
    }

    // Security review H3: the password is that VM's unless the user ticks "every VM"; the tick
    // is offered only when the run has other VMs.
    void sudoPasswordForEveryVmOnlyWhenTicked()
    {
        QWidget parent;
        FakeQuestion alone(Question::Kind::SudoPassword);
        QPointer<QuestionDialog> one = QuestionDialog::ask(&alone, &parent);
        QVERIFY(!one->everyVmChoice());
        one->reject();

        for (const bool tick : {false, true}) {
            FakeQuestion question(Question::Kind::SudoPassword);
            question.offerEveryVm = true;
            QPointer<QuestionDialog> dialog = QuestionDialog::ask(&question, &parent);
            QVERIFY(dialog->everyVmChoice());
            QVERIFY(!dialog->everyVmChoice()->isChecked()); // off unless the user says so
            dialog->everyVmChoice()->setChecked(tick);
            dialog->secretEdit()->setText(u"pw"_qs);
            dialog->accept();
            QCOMPARE(question.answers, QList<QByteArray>{"pw"});
            QCOMPARE(question.forEveryVm, tick);
        }
    }

    void withdrawnCloses()
    {
        QWidget parent;
        FakeQuestion question(Question::Kind::ExecPlugin);
        QPointer<QuestionDialog> dialog = QuestionDialog::ask(&question, &parent);
        emit question.withdrawn();
        QVERIFY(!dialog || !dialog->isVisible());
        QCOMPARE(question.rejected, 0); // nobody listens: no answer at all
        QCOMPARE(question.accepted, 0);
        QTRY_VERIFY(!dialog);
    }

    void deletedQuestionCloses()
    {
        QWidget parent;
        auto* question = new FakeQuestion(Question::Kind::SudoPassword);
        QPointer<QuestionDialog> dialog = QuestionDialog::ask(question, &parent);
        delete question;
        QTRY_VERIFY(!dialog);
    }
};

QTEST_MAIN(TestQuestionDialog)
#include "tst_questiondialog.moc"
