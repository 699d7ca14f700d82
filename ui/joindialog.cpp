#include "joindialog.h"

#include "certificatepins.h"
#include "clientidentity.h"
#include "discoveredhostmodel.h"
#include "discoverypanel.h"
#include "fingerprint.h"
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
#include <QShowEvent>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// How a problem shows above the fields (the "Connecting to …" line has no style).
const QString ProblemStyle = u"QLabel { color: #b00020; font-weight: bold; }"_s;
} // namespace

JoinDialog::JoinDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Join a LanChat"));
    auto *layout = new QVBoxLayout(this);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(ProblemStyle);
    m_problemLabel->hide();
    layout->addWidget(m_problemLabel);

    m_discovery = new DiscoveryPanel(this);
    layout->addWidget(m_discovery, 1);

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
    QList<quint16> recentPorts;
    for (const ServerEndpoint &recent : std::as_const(m_recent))
        recentPorts << recent.port;
    m_discovery->setRecentPorts(recentPorts);
    form->addRow(tr("&Recent:"), m_recentBox);

    m_hostField = new QLineEdit(this);
    m_hostField->setObjectName(u"hostField"_s);
    m_hostField->setPlaceholderText(tr("192.168.1.20 or host name"));
    form->addRow(tr("&Host:"), m_hostField);
    m_portField = new QSpinBox(this);
    m_portField->setObjectName(u"portField"_s);
    m_portField->setRange(1, 65535);
    m_portField->setValue(Protocol::DefaultPort);
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
    // A row whose field is a layout gets no buddy: without one the label shows its '&'.
    auto *tokenLabel = new QLabel(tr("&Token:"), this);
    tokenLabel->setBuddy(m_tokenField);
    form->addRow(tokenLabel, tokenRow);
    m_usernameField = new QLineEdit(this);
    m_usernameField->setObjectName(u"usernameField"_s);
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
    connect(m_discovery, &DiscoveryPanel::hostPicked, this, &JoinDialog::pickFound);
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
    resize(560, sizeHint().height());
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
    m_portField->setValue(endpoint.port == 0 ? Protocol::DefaultPort : endpoint.port);
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
        endpoint.fingerprint = Fingerprint::normalized(m_fingerprintField->text());
    return endpoint;
}

bool JoinDialog::rememberToken() const
{
    return m_rememberToken->isChecked();
}

void JoinDialog::setProblem(const QString &text, Focus focus)
{
    m_problemLabel->setStyleSheet(ProblemStyle);
    m_problemLabel->setText(text);
    m_problemLabel->setVisible(!text.isEmpty());
    QWidget *field = fieldFor(focus);
    if (!field)
        return;
    m_initialFocus = field;
    field->setFocus();
    if (auto *line = qobject_cast<QLineEdit *>(field))
        line->selectAll();
}

QWidget *JoinDialog::fieldFor(Focus focus) const
{
    switch (focus) {
    case Focus::Auto:
        return nullptr;
    case Focus::Host:
        return m_hostField;
    case Focus::Token:
        return m_tokenField;
    case Focus::Username:
        return m_usernameField;
    case Focus::Tls:
        return m_tls;
    case Focus::Fingerprint:
        return m_fingerprintField;
    }
    return nullptr;
}

QString JoinDialog::problemText() const
{
    return m_problemLabel->isVisible() ? m_problemLabel->text() : QString();
}

JoinDialog::Focus JoinDialog::focusFor(ChatClient::Problem problem)
{
    using Problem = ChatClient::Problem;
    switch (problem) {
    case Problem::ConnectionRefused:
    case Problem::HostNotFound:
    case Problem::HostUnreachable:
    case Problem::Timeout:
    case Problem::HostStopped:
        return Focus::Host;
    case Problem::InvalidToken:
        return Focus::Token;
    case Problem::InvalidUsername:
    case Problem::UsernameTaken:
    case Problem::NameRegistered:
        return Focus::Username;
    case Problem::TlsHandshakeFailed:
    case Problem::TlsRequired:
        return Focus::Tls;
    case Problem::UntrustedCertificate:
    case Problem::CertificateChanged:
        return Focus::Fingerprint;
    default:
        return Focus::Auto;
    }
}

void JoinDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (m_initialFocus)
        m_initialFocus->setFocus();
}

void JoinDialog::focusFirstEmpty()
{
    QWidget *field = m_buttons->button(QDialogButtonBox::Ok);
    if (m_hostField->text().trimmed().isEmpty())
        field = m_hostField;
    else if (m_tokenField->text().trimmed().isEmpty())
        field = m_tokenField;
    else if (m_usernameField->text().trimmed().isEmpty())
        field = m_usernameField;
    m_initialFocus = field;
    field->setFocus();
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
    focusFirstEmpty();
    return true;
}

void JoinDialog::accept()
{
    const ServerEndpoint chosen = endpoint();
    if (!chosen.isComplete() || !m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    if (!m_connectsFirst) {
        finishAccept();
        return;
    }
    delete m_client;
    m_client = new ChatClient(this);
    QSettings settings;
    m_client->setIdentity(ClientIdentity::ensure(settings));
    m_client->setEndpoint(chosen);
    connect(m_client, &ChatClient::stateChanged, this, &JoinDialog::onClientStateChanged);
    m_problemLabel->setStyleSheet(QString());
    m_problemLabel->setText(tr("Connecting to %1…").arg(chosen.authority()));
    m_problemLabel->show();
    updateOkButton();
    m_client->connectToServer();
}

void JoinDialog::reject()
{
    delete std::exchange(m_client, nullptr);
    QDialog::reject();
}

ChatClient *JoinDialog::takeClient()
{
    if (m_client) {
        m_client->disconnect(this);
        m_client->setParent(nullptr);
    }
    return std::exchange(m_client, nullptr);
}

void JoinDialog::onClientStateChanged()
{
    const ChatClient::State state = m_client->state();
    if (state == ChatClient::State::Connected) {
        m_problemLabel->hide();
        finishAccept();
        return;
    }
    if (state == ChatClient::State::Connecting)
        return;
    // The first failure ends the attempt here: the user fixes what it says, then joins again.
    const ChatClient::Problem problem = m_client->problem();
    const QString text = m_client->problemText();
    if (problem == ChatClient::Problem::UntrustedCertificate) {
        // Trust on first use: the fingerprint goes into its field, and Join pins it.
        m_fingerprintField->setText(m_client->presentedFingerprint());
    }
    m_client->disconnect(this);
    m_client->disconnectFromServer();
    m_client->deleteLater();
    m_client = nullptr;
    setProblem(problem == ChatClient::Problem::UntrustedCertificate
                   ? text + u' ' + tr("Join again to trust it.")
                   : text,
               focusFor(problem));
    updateOkButton();
}

void JoinDialog::finishAccept()
{
    const ServerEndpoint chosen = endpoint();
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
                               || !Fingerprint::normalized(fingerprint).isEmpty();
    m_fingerprintField->setToolTip(
        fingerprintOk ? QString() : tr("32 bytes in hex, as the host shows it (AB:CD:…)"));
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(endpoint().isComplete() && fingerprintOk && !m_client);
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

DiscoveredHostModel *JoinDialog::foundHosts() const
{
    return m_discovery->model();
}

QString JoinDialog::discoveryStatus() const
{
    return m_discovery->statusText();
}

void JoinDialog::toggleScan()
{
    m_discovery->toggleScan();
}

void JoinDialog::pickFound(int row)
{
    const DiscoveredHost host = m_discovery->model()->host(row);
    if (host.port == 0)
        return;
    ServerEndpoint endpoint;
    endpoint.host = host.address.toString();
    endpoint.port = host.port;
    endpoint.tls = host.tls;
    endpoint.username = m_usernameField->text();
    // Only a token given for this very address before: another server's token must never go to
    // a host that merely announced itself.
    for (const ServerEndpoint &recent : std::as_const(m_recent)) {
        if (recent.host == endpoint.host && recent.port == endpoint.port) {
            endpoint.token = recent.token;
            if (endpoint.username.trimmed().isEmpty())
                endpoint.username = recent.username;
            break;
        }
    }
    setEndpoint(endpoint); // with TLS, the fingerprint pinned for the address, if any
    m_rememberToken->setChecked(!endpoint.token.isEmpty());
    m_recentBox->setCurrentIndex(0);
    if (endpoint.token.isEmpty()) {
        m_inviteStatus->setText(
            tr("%1 picked: enter the token its host shows (or paste the invite).").arg(host.name));
        m_tokenField->setFocus();
    } else {
        m_inviteStatus->setText(tr("%1 picked.").arg(host.name));
    }
}

#include "moc_joindialog.cpp"
