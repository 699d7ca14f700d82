// Lives in the GUI thread. The first question at start: host a chat here, or join one.
#pragma once

#include <QDialog>

class QCheckBox;

class StartDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartDialog)

public:
    enum class Choice { Host, Join };
    Q_ENUM(Choice)

    // lastChoice is focused as the default button.
    explicit StartDialog(Choice lastChoice, QWidget *parent = nullptr);
    ~StartDialog() override;

    Choice choice() const { return m_choice; }
    // "Do not ask again": start with this choice next time.
    bool rememberChoice() const;

private:
    Choice m_choice;
    QCheckBox *m_remember = nullptr;
};
