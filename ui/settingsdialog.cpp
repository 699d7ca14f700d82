#include "settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSpinBox>

#include <array>

using namespace Qt::StringLiterals;

SettingsDialog::SettingsDialog(const Values &values, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("LanChat settings"));
    auto *form = new QFormLayout(this);

    m_port = new QSpinBox(this);
    m_port->setObjectName(u"portField"_s);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setValue(values.port);
    form->addRow(tr("&Port:"), m_port);

    m_bind = new QLineEdit(values.bindAddress, this);
    m_bind->setObjectName(u"bindField"_s);
    m_bind->setPlaceholderText(tr("all addresses"));
    form->addRow(tr("&Bind address:"), m_bind);

    auto *tokenRow = new QHBoxLayout;
    m_token = new QLineEdit(values.token, this);
    m_token->setObjectName(u"tokenSetting"_s);
    auto *generate = new QPushButton(tr("&Generate new"), this);
    generate->setObjectName(u"generateTokenButton"_s);
    connect(generate, &QPushButton::clicked, this, [this] { m_token->setText(generateToken()); });
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(generate);
    form->addRow(tr("&Token:"), tokenRow);

    m_dataDir = new QLineEdit(values.dataDir, this);
    m_dataDir->setObjectName(u"dataDirField"_s);
    m_dataDir->setPlaceholderText(tr("the application data directory"));
    form->addRow(tr("&Data directory:"), m_dataDir);

    m_maxHistory = new QSpinBox(this);
    m_maxHistory->setObjectName(u"maxHistoryField"_s);
    m_maxHistory->setRange(0, 16 * 1024 * 1024);
    m_maxHistory->setSuffix(tr(" MiB"));
    m_maxHistory->setSpecialValueText(tr("no limit"));
    m_maxHistory->setValue(values.maxHistoryMiB);
    m_maxHistory->setToolTip(tr("When the history database reaches this size, new messages are "
                                "refused with an error until the limit is raised."));
    form->addRow(tr("History &size limit:"), m_maxHistory);

    m_operatorName = new QLineEdit(values.operatorName, this);
    m_operatorName->setObjectName(u"operatorNameSetting"_s);
    m_operatorName->setMaxLength(64);
    form->addRow(tr("&Operator name:"), m_operatorName);

    m_language = new QComboBox(this);
    m_language->setObjectName(u"languageField"_s);
    m_language->addItem(tr("System"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"Deutsch"_s, u"de"_s);
    m_language->setCurrentIndex(std::max(0, m_language->findData(values.language)));
    form->addRow(tr("&Language:"), m_language);

    m_closeToTray = new QCheckBox(tr("Closing the window keeps LanChat running in the tray"), this);
    m_closeToTray->setObjectName(u"closeToTrayField"_s);
    m_closeToTray->setChecked(values.closeToTray);
    form->addRow(m_closeToTray);

    auto *note = new QLabel(
        tr("Changed server settings restart the server (clients reconnect). The language "
           "changes at the next start. Command-line options override these settings."),
        this);
    note->setTextFormat(Qt::PlainText);
    note->setWordWrap(true);
    form->addRow(note);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(m_buttons);

    connect(m_bind, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_token, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    validate();
}

SettingsDialog::~SettingsDialog() = default;

SettingsDialog::Values SettingsDialog::values() const
{
    Values values;
    values.port = quint16(m_port->value());
    values.bindAddress = m_bind->text().trimmed();
    values.token = m_token->text().trimmed();
    values.dataDir = m_dataDir->text().trimmed();
    values.maxHistoryMiB = m_maxHistory->value();
    values.operatorName = m_operatorName->text().trimmed();
    values.language = m_language->currentData().toString();
    values.closeToTray = m_closeToTray->isChecked();
    return values;
}

SettingsDialog::Values SettingsDialog::load(const QSettings &settings, const Values &defaults)
{
    Values values;
    values.port = quint16(settings.value(u"server/port"_s, defaults.port).toUInt());
    values.bindAddress = settings.value(u"server/bind"_s, defaults.bindAddress).toString();
    values.token = settings.value(u"server/token"_s, defaults.token).toString();
    values.dataDir = settings.value(u"server/dataDir"_s, defaults.dataDir).toString();
    values.maxHistoryMiB
        = settings.value(u"limits/maxHistorySizeMiB"_s, defaults.maxHistoryMiB).toInt();
    values.operatorName = settings.value(u"ui/operatorName"_s, defaults.operatorName).toString();
    values.language = settings.value(u"ui/language"_s, defaults.language).toString();
    values.closeToTray = settings.value(u"ui/closeToTray"_s, defaults.closeToTray).toBool();
    return values;
}

void SettingsDialog::save(QSettings &settings, const Values &values)
{
    settings.setValue(u"server/port"_s, values.port);
    if (values.bindAddress.isEmpty())
        settings.remove(u"server/bind"_s);
    else
        settings.setValue(u"server/bind"_s, values.bindAddress);
    settings.setValue(u"server/token"_s, values.token);
    settings.setValue(u"server/dataDir"_s, values.dataDir);
    settings.setValue(u"limits/maxHistorySizeMiB"_s, values.maxHistoryMiB);
    settings.setValue(u"ui/operatorName"_s, values.operatorName);
    settings.setValue(u"ui/language"_s, values.language);
    settings.setValue(u"ui/closeToTray"_s, values.closeToTray);
}

QString SettingsDialog::generateToken()
{
    std::array<quint32, 5> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void SettingsDialog::validate()
{
    const QString bind = m_bind->text().trimmed();
    const bool bindOk = bind.isEmpty() || !QHostAddress(bind).isNull();
    m_bind->setToolTip(bindOk ? QString() : tr("Not an IP address"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(bindOk);
}
