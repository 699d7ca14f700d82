#include "bandialog.h"

#include "safetext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

using namespace Qt::StringLiterals;

BanDialog::BanDialog(const ClientInfo &client, QWidget *parent) : QDialog(parent), m_client(client)
{
    setWindowTitle(client.id != 0 ? SafeText::windowTitle(tr("Ban %1").arg(client.username))
                                  : tr("Ban"));
    auto *form = new QFormLayout(this);

    m_byUsername = new QCheckBox(tr("By &username:"), this);
    m_byUsername->setObjectName(u"banByUsername"_s);
    m_byUsername->setChecked(true);
    m_username = new QLineEdit(client.username, this);
    m_username->setObjectName(u"banUsername"_s);
    m_username->setReadOnly(client.id != 0);
    form->addRow(m_byUsername, m_username);

    m_byAddress = new QCheckBox(tr("By &address:"), this);
    m_byAddress->setObjectName(u"banByAddress"_s);
    m_address = new QLineEdit(client.address, this);
    m_address->setObjectName(u"banAddress"_s);
    m_address->setReadOnly(client.id != 0);
    form->addRow(m_byAddress, m_address);

    auto *durationRow = new QHBoxLayout;
    m_amount = new QSpinBox(this);
    m_amount->setObjectName(u"banAmount"_s);
    m_amount->setRange(1, 9999);
    m_amount->setValue(1);
    m_unit = new QComboBox(this);
    m_unit->setObjectName(u"banUnit"_s);
    m_unit->addItem(tr("minutes"), int(Unit::Minutes));
    m_unit->addItem(tr("hours"), int(Unit::Hours));
    m_unit->addItem(tr("days"), int(Unit::Days));
    m_unit->addItem(tr("permanently"), int(Unit::Permanent));
    m_unit->setCurrentIndex(1);
    durationRow->addWidget(m_amount);
    durationRow->addWidget(m_unit, 1);
    form->addRow(tr("&Duration:"), durationRow);

    m_reason = new QLineEdit(this);
    m_reason->setObjectName(u"banReason"_s);
    m_reason->setPlaceholderText(tr("Optional; the client sees it"));
    m_reason->setMaxLength(500);
    form->addRow(tr("&Reason:"), m_reason);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Ban"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(m_buttons);

    for (QCheckBox *box : {m_byUsername, m_byAddress})
        connect(box, &QCheckBox::toggled, this, &BanDialog::updateState);
    for (QLineEdit *field : {m_username, m_address})
        connect(field, &QLineEdit::textChanged, this, &BanDialog::updateState);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &BanDialog::updateState);
    updateState();
    m_reason->setFocus();
}

BanDialog::~BanDialog() = default;

BanRequest BanDialog::request() const
{
    BanRequest request;
    request.clientId = m_client.id;
    request.byUsername = m_byUsername->isChecked();
    request.byAddress = m_byAddress->isChecked();
    request.username = request.byUsername ? m_username->text().trimmed() : QString();
    request.address = request.byAddress ? m_address->text().trimmed() : QString();
    request.reason = m_reason->text().trimmed();
    const qint64 amount = m_amount->value();
    switch (Unit(m_unit->currentData().toInt())) {
    case Unit::Minutes:
        request.durationSeconds = amount * 60;
        break;
    case Unit::Hours:
        request.durationSeconds = amount * 3600;
        break;
    case Unit::Days:
        request.durationSeconds = amount * 86400;
        break;
    case Unit::Permanent:
        request.durationSeconds = 0;
        break;
    }
    return request;
}

void BanDialog::setDuration(int amount, Unit unit)
{
    m_amount->setValue(amount);
    m_unit->setCurrentIndex(m_unit->findData(int(unit)));
}

void BanDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
}

void BanDialog::setByUsername(bool on)
{
    m_byUsername->setChecked(on);
}

void BanDialog::setByAddress(bool on)
{
    m_byAddress->setChecked(on);
}

void BanDialog::updateState()
{
    m_username->setEnabled(m_byUsername->isChecked());
    m_address->setEnabled(m_byAddress->isChecked());
    m_amount->setEnabled(Unit(m_unit->currentData().toInt()) != Unit::Permanent);
    const bool usernameOk = m_byUsername->isChecked() && !m_username->text().trimmed().isEmpty();
    const bool addressOk
        = m_byAddress->isChecked() && !QHostAddress(m_address->text().trimmed()).isNull();
    const bool anyChecked = m_byUsername->isChecked() || m_byAddress->isChecked();
    const bool valid = anyChecked && (!m_byUsername->isChecked() || usernameOk)
                       && (!m_byAddress->isChecked() || addressOk);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

#include "moc_bandialog.cpp"
