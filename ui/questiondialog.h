// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "question.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QLineEdit;

/*!
 * Answers any Question (core/question.h) in a window-modal dialog that never blocks the event
 * loop (open(), never exec()): a new host key with its fingerprint, an ssh password or
 * passphrase, a sudo password (echo off; the answer is wiped from meshdeck's buffers once handed
 * over), an exec plugin to approve with its command and kubeconfig file. The details come from
 * the question's properties (the concrete classes live in ssh/ and ops/, which the widgets do not
 * include). Yes or a secret calls accept() or answer(); Cancel or closing calls reject(); a
 * question withdrawn or deleted by its asker closes the dialog without an answer.
 */
class QuestionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuestionDialog)
public:
    /*! Shows a dialog for question and returns at once; the dialog deletes itself when closed. */
    static QuestionDialog* ask(Question* question, QWidget* parent);

    QuestionDialog(Question* question, QWidget* parent = nullptr);
    ~QuestionDialog() override;

    Question* question() const { return m_question; }
    /*! The dialog's text, for tests and screen readers. */
    QString text() const;
    QLineEdit* secretEdit() const { return m_secret; }
    /*! A sudo password's "for every VM" tick; nullptr when not offered. */
    QCheckBox* everyVmChoice() const { return m_everyVm; }

    void done(int result) override;

private:
    void build();
    void onWithdrawn();

    QPointer<Question> m_question;
    QLineEdit* m_secret = nullptr;
    QCheckBox* m_everyVm = nullptr;
    QString m_text;
    bool m_finished = false; //!< answered, rejected or withdrawn: the question hears nothing more
};
