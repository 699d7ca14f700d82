#include "joindialog.h"

#include "certificatepins.h"
#include "invitelink.h"
#include "recentservers.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

JoinDialog::JoinDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Join a LanChat"));
    auto *layout = new QVBoxLayout(this);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(u"QLabel { color: #b00020; font-weight: bold; }"_s);
    m_problemLabel->hide();
    layout->addWidget(m_problemLabel);

    auto *form = new QFormLayout;
    m_inviteField = new QLineEdit(this);
    m_inviteField->setPlaceholderText(tr("Paste the invite or a lanchat:// link"));
    m_inviteField->setClearButtonEnabled(true);
    form->addRow(tr("&Invite:"), m_inviteField);
    m_inviteStatus = new QLabel(this);
    m_inviteStatus->setTextFormat(Qt::PlainText);
    m_inviteStatus->setWordWrap(true);
    form->addRow(QString(), m_inviteStatus);

    QSettings settings;
    m_recent = RecentServers::load(settings);
    m_recentBox = new QComboBox(this);
    m_recentBox->addItem(tr("(choose a recent server)"));
    for (const ServerEndpoint &recent : std::as_const(m_recent))
        m_recentBox->addItem(tr("%1 as %2").arg(recent.authority(), recent.username));
    m_recentBox->setEnabled(!m_recent.isEmpty());
    form->addRow(tr("&Recent:"), m_recentBox);

    m_hostField = new QLineEdit(this);
    m_hostField->setPlaceholderText(tr("192.168.1.20 or host name"));
    form->addRow(tr("&Host:"), m_hostField);
    m_portField = new QSpinBox(this);
    m_portField->setRange(1, 65535);
    m_portField->setValue(InviteLink::DefaultPort);
    form->addRow(tr("&Port:"), m_portField);
    auto *tokenRow = new QHBoxLayout;
    m_tokenField = new QLineEdit(this);
    m_tokenField->setEchoMode(QLineEdit::Password);
    auto *showToken = new QPushButton(tr("Show"), this);
    showToken->setCheckable(true);
    connect(showToken, &QPushButton::toggled, this, [this](bool shown) {
        m_tokenField->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    tokenRow->addWidget(m_tokenField, 1);
    tokenRow->addWidget(showToken);
    form->addRow(tr("&Token:"), tokenRow);
    m_usernameField = new QLineEdit(this);
    m_usernameField->setMaxLength(32);
    m_usernameField->setPlaceholderText(tr("How the others see you"));
    form->addRow(tr("&Username:"), m_usernameField);
    m_tls = new QCheckBox(tr("Encrypted (&TLS)"), this);
    m_tls->setObjectName(u"tlsField"_s);
    form->addRow(QString(), m_tls);
    m_fingerprintField = new QLineEdit(this);
    m_fingerprintField->setObjectName(u"fingerprintField"_s);
    m_fingerprintField->setPlaceholderText(tr("SHA-256 the host shows; empty: ask on connect"));
    form->addRow(tr("&Fingerprint:"), m_fingerprintField);
    connect(m_tls, &QCheckBox::toggled, m_fingerprintField, &QWidget::setEnabled);
    m_fingerprintField->setEnabled(false);
    m_rememberToken = new QCheckBox(tr("Remember the token on this computer"), this);
    form->addRow(QString(), m_rememberToken);
    layout->addLayout(form);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Join"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &JoinDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &JoinDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_inviteField, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().isEmpty())
            m_inviteStatus->clear();
        else
            applyInvite(text);
    });
    connect(m_recentBox, &QComboBox::activated, this, &JoinDialog::applyRecent);
    connect(m_hostField, &QLineEdit::textChanged, this, &JoinDialog::updateOkButton);
    connect(m_usernameField, &QLineEdit::textChanged, this, &JoinDialog::updateOkButton);
    connect(m_fingerprintField, &QLineEdit::textChanged, this, &JoinDialog::updateOkButton);
    connect(m_tls, &QCheckBox::toggled, this, &JoinDialog::updateOkButton);

    if (!m_recent.isEmpty()) {
        applyRecent(1);
    } else {
        m_usernameField->setText(qEnvironmentVariable("USER").left(32));
    }
    updateOkButton();
    resize(460, sizeHint().height());
}

JoinDialog::~JoinDialog() = default;

void JoinDialog::setEndpoint(const ServerEndpoint &given)
{
    ServerEndpoint endpoint = given;
    QSettings settings;
    CertificatePins::applyStored(settings, &endpoint);
    m_tls->setChecked(endpoint.tls);
    m_fingerprintField->setText(endpoint.fingerprint);
    m_hostField->setText(endpoint.host);
    m_portField->setValue(endpoint.port == 0 ? InviteLink::DefaultPort : endpoint.port);
    m_tokenField->setText(endpoint.token);
    if (!endpoint.username.isEmpty())
        m_usernameField->setText(endpoint.username);
    updateOkButton();
}

ServerEndpoint JoinDialog::endpoint() const
{
    ServerEndpoint endpoint;
    endpoint.host = m_hostField->text().trimmed();
    endpoint.port = quint16(m_portField->value());
    endpoint.token = m_tokenField->text().trimmed();
    endpoint.username = m_usernameField->text().trimmed();
    endpoint.tls = m_tls->isChecked();
    if (endpoint.tls)
        endpoint.fingerprint = CertificatePins::normalized(m_fingerprintField->text());
    return endpoint;
}

bool JoinDialog::rememberToken() const
{
    return m_rememberToken->isChecked();
}

void JoinDialog::setProblem(const QString &text, Focus focus)
{
    m_problemLabel->setText(text);
    m_problemLabel->setVisible(!text.isEmpty());
    if (focus == Focus::Token) {
        m_tokenField->setFocus();
        m_tokenField->selectAll();
    } else if (focus == Focus::Username) {
        m_usernameField->setFocus();
        m_usernameField->selectAll();
    }
}

bool JoinDialog::applyInvite(const QString &text)
{
    const InviteLink link = InviteLink::parse(text);
    if (!link.isValid()) {
        m_inviteStatus->setText(link.errorString());
        return false;
    }
    ServerEndpoint endpoint = link.endpoint();
    if (endpoint.username.isEmpty())
        endpoint.username = m_usernameField->text();
    setEndpoint(endpoint);
    m_inviteStatus->setText(tr("Invite for %1 read.").arg(endpoint.authority()));
    return true;
}

void JoinDialog::accept()
{
    const ServerEndpoint chosen = endpoint();
    if (!chosen.isComplete() || !m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    QSettings settings;
    RecentServers::remember(settings, chosen, rememberToken());
    if (!chosen.fingerprint.isEmpty())
        CertificatePins::pin(settings, chosen.host, chosen.port, chosen.fingerprint);
    QDialog::accept();
}

void JoinDialog::updateOkButton()
{
    const QString fingerprint = m_fingerprintField->text().trimmed();
    const bool fingerprintOk = !m_tls->isChecked() || fingerprint.isEmpty()
                               || !CertificatePins::normalized(fingerprint).isEmpty();
    m_fingerprintField->setToolTip(
        fingerprintOk ? QString() : tr("32 bytes in hex, as the host shows it (AB:CD:…)"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(endpoint().isComplete() && fingerprintOk);
}

void JoinDialog::applyRecent(int index)
{
    if (index < 1 || index > m_recent.size())
        return;
    const ServerEndpoint &recent = m_recent.at(index - 1);
    setEndpoint(recent);
    m_rememberToken->setChecked(!recent.token.isEmpty());
    m_recentBox->setCurrentIndex(index);
}
