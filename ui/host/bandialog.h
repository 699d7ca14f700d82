// Lives in the GUI thread. Asks how to ban: by username and/or address, for how long (minutes,
// hours, days or permanently) and why. Open it with open(); request() is the answer.
#pragma once

#include "chattypes.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

class BanDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BanDialog)

public:
    enum class Unit { Minutes, Hours, Days, Permanent };

    // With a client, the ban names that client (who is kicked at once); without, a name or an
    // address typed by the operator.
    explicit BanDialog(const ClientInfo &client, QWidget *parent = nullptr);
    ~BanDialog() override;

    BanRequest request() const;
    void setDuration(int amount, Unit unit);
    void setReason(const QString &reason);
    void setByUsername(bool on);
    void setByAddress(bool on);

private:
    void updateState();

    ClientInfo m_client;
    QCheckBox *m_byUsername = nullptr;
    QLineEdit *m_username = nullptr;
    QCheckBox *m_byAddress = nullptr;
    QLineEdit *m_address = nullptr;
    QSpinBox *m_amount = nullptr;
    QComboBox *m_unit = nullptr;
    QLineEdit *m_reason = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
