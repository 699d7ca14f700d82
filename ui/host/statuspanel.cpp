#include "statuspanel.h"

#include "avahipublisher.h"
#include "inviteqrpanel.h"
#include "localnetworks.h"
#include "qrcodewidget.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// The fingerprint ("AB:CD:…", 32 bytes) with a space after every eighth byte's colon, where a
// line may break: whole, it is wider than a narrow dock. Without the spaces it is the
// fingerprint again.
QString grouped(const QString &fingerprint)
{
    constexpr int BytesPerGroup = 8;
    const QStringList bytes = fingerprint.split(u':');
    QStringList groups;
    for (qsizetype at = 0; at < bytes.size(); at += BytesPerGroup)
        groups << bytes.mid(at, BytesPerGroup).join(u':');
    return groups.join(u": "_s);
}
} // namespace

StatusPanel::StatusPanel(ServerController *controller, QWidget *parent)
    : QGroupBox(tr("Others join with"), parent), m_controller(controller)
{
    // One column, the QR code under the facts: it fits a narrow dock. Fields that do not fit
    // beside their label go under it.
    auto *column = new QVBoxLayout(this);
    m_form = new QFormLayout;
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    column->addLayout(m_form);
    m_qrPanel = new InviteQrPanel(this);
    m_qrPanel->setObjectName(u"qrPanel"_s);
    column->addWidget(m_qrPanel); // the whole width: its hint is one line, its code centred
    // Its preferred size: stretched over the column's height, it would only add empty space.
    m_qrPanel->code()->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_qrPanel->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    column->addStretch(1);
    m_addressLabel = new QLabel(this);
    m_addressLabel->setObjectName(u"addressLabel"_s);
    m_addressLabel->setTextFormat(Qt::PlainText);
    m_addressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(tr("Address:"), m_addressLabel);
    // Joiners compare this with what their client shows before they trust the certificate.
    m_fingerprintLabel = new QLabel(this);
    m_fingerprintLabel->setObjectName(u"fingerprintLabel"_s);
    m_fingerprintLabel->setTextFormat(Qt::PlainText);
    m_fingerprintLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprintLabel->setWordWrap(true);
    m_fingerprintLabel->setToolTip(
        tr("SHA-256 fingerprint of the server's TLS certificate, also part of the invite"));
    m_form->addRow(tr("Certificate:"), m_fingerprintLabel);
    m_form->setRowVisible(m_fingerprintLabel, false);
    m_announceLabel = new QLabel(this);
    m_announceLabel->setObjectName(u"announceLabel"_s);
    m_announceLabel->setTextFormat(Qt::PlainText);
    m_announceLabel->setWordWrap(true);
    m_form->addRow(tr("Network:"), m_announceLabel);
    auto *tokenRow = new QHBoxLayout;
    m_tokenField = new QLineEdit(this);
    m_tokenField->setObjectName(u"tokenField"_s);
    m_tokenField->setReadOnly(true);
    m_tokenField->setEchoMode(QLineEdit::Password);
    auto *showToken = new QPushButton(tr("Show"), this);
    showToken->setObjectName(u"showTokenButton"_s);
    showToken->setCheckable(true);
    connect(showToken, &QPushButton::toggled, this, [this, showToken](bool shown) {
        m_tokenField->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        showToken->setText(shown ? tr("Hide") : tr("Show"));
    });
    m_copyButton = new QPushButton(tr("&Copy invite"), this);
    m_copyButton->setObjectName(u"copyInviteButton"_s);
    m_copyButton->setEnabled(false);
    connect(m_copyButton, &QPushButton::clicked, this, &StatusPanel::copyInvite);
    tokenRow->addWidget(m_tokenField, 1);
    tokenRow->addWidget(showToken);
    tokenRow->addWidget(m_copyButton);
    m_form->addRow(tr("Token:"), tokenRow);

    m_stateLabel = new QLabel(tr("Starting…"), this);
    m_stateLabel->setObjectName(u"stateLabel"_s);
    QFont bold = m_stateLabel->font();
    bold.setBold(true);
    m_stateLabel->setFont(bold);
    m_clientsLabel = new QLabel(tr("No one connected"), this);
    m_clientsLabel->setObjectName(u"clientsLabel"_s);
    m_rateLabel = new QLabel(tr("%1 messages/s").arg(0), this);
    m_rateLabel->setObjectName(u"rateLabel"_s);
    // One fact a line: the three side by side need more than a narrow dock has.
    auto *stateColumn = new QVBoxLayout;
    stateColumn->setSpacing(0);
    stateColumn->addWidget(m_stateLabel);
    stateColumn->addWidget(m_clientsLabel);
    stateColumn->addWidget(m_rateLabel);
    m_form->addRow(tr("State:"), stateColumn);
    m_serverButtons = new QHBoxLayout;
    m_form->addRow(QString(), m_serverButtons);
    updateAnnouncement();

    m_rateTimer = new QTimer(this);
    m_rateTimer->setInterval(1000);
    connect(m_rateTimer, &QTimer::timeout, this, &StatusPanel::updateRate);
    m_rateTimer->start();
    m_rateClock.start();

    connect(m_controller, &ServerController::started, this, &StatusPanel::onStarted);
    connect(m_controller, &ServerController::stateChanged, this, &StatusPanel::onStateChanged);
    connect(m_controller, &ServerController::activity, this, &StatusPanel::onActivity);
    connect(m_controller, &ServerController::stopped, this, [this] {
        m_qrPanel->setLinks({});
        updateClientCount(0);
    });
    connect(m_controller, &ServerController::startFailed, this,
            [this] { m_stateLabel->setText(tr("Not running")); });
    onStateChanged(m_controller->state());
}

StatusPanel::~StatusPanel() = default;

QList<QHostAddress> StatusPanel::reachableAddresses() const
{
    QList<QHostAddress> addresses
        = LocalNetworks::current().reachableAddresses(m_status.bindAddress);
    if (addresses.isEmpty())
        addresses << QHostAddress(QHostAddress::LocalHost);
    return addresses;
}

InviteLink StatusPanel::inviteFor(const QHostAddress &address) const
{
    ServerEndpoint endpoint;
    endpoint.host = address.toString();
    endpoint.port = m_status.port;
    endpoint.token = m_status.token;
    endpoint.tls = m_status.tls;
    endpoint.fingerprint = m_status.certificateFingerprint;
    return InviteLink::fromEndpoint(endpoint);
}

// Every link is built by InviteLink, which percent-encodes the token: '#' would cut off the
// fingerprint, '&', '%' and '+' change the token, a space would end the link.
QString StatusPanel::inviteText() const
{
    const QList<QHostAddress> addresses = reachableAddresses();
    QStringList lines;
    lines << tr("Join my LanChat:");
    for (const QHostAddress &address : addresses)
        lines << u"  "_s + inviteFor(address).toString();
    // The same server serves a chat page: anyone can join from a browser.
    lines << tr("Or in a web browser:");
    for (const QHostAddress &address : addresses)
        lines << u"  "_s + inviteFor(address).toBrowserString();
    if (m_status.tls)
        lines << tr("The browser will warn about the certificate: continue only if it shows this "
                    "SHA-256 fingerprint:")
              << u"  "_s + m_status.certificateFingerprint;
    return lines.join(u'\n');
}

void StatusPanel::copyInvite()
{
    if (m_status.port == 0)
        return;
    QApplication::clipboard()->setText(inviteText());
    emit statusMessage(tr("Invite copied to the clipboard."), 4000);
}

void StatusPanel::setServerActions(const QList<QAction *> &actions)
{
    for (QAction *action : actions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        m_serverButtons->addWidget(button);
    }
    m_serverButtons->addStretch(1);
}

void StatusPanel::onStarted(const ServerStatus &status)
{
    m_status = status;
    QStringList authorities;
    const QList<QHostAddress> addresses = reachableAddresses();
    for (const QHostAddress &address : addresses)
        authorities << inviteFor(address).endpoint().authority();
    m_addressLabel->setText(authorities.join(u'\n'));
    m_fingerprintLabel->setText(
        status.tls ? tr("SHA-256 %1").arg(grouped(status.certificateFingerprint)) : QString());
    m_form->setRowVisible(m_fingerprintLabel, status.tls);
    m_tokenField->setText(status.token);
    m_copyButton->setEnabled(true);
    QStringList browserLinks;
    for (const QHostAddress &address : addresses)
        browserLinks << inviteFor(address).toBrowserString();
    m_qrPanel->setLinks(browserLinks);
    updateClientCount(0);
}

void StatusPanel::onStateChanged(ServerController::State state)
{
    switch (state) {
    case ServerController::State::Stopped:
        m_stateLabel->setText(tr("Stopped"));
        break;
    case ServerController::State::Starting:
        m_stateLabel->setText(tr("Starting…"));
        break;
    case ServerController::State::Running:
        m_stateLabel->setText(tr("Listening on port %1").arg(m_controller->status().port));
        break;
    case ServerController::State::Stopping:
        m_stateLabel->setText(tr("Stopping…"));
        break;
    }
    updateAnnouncement();
}

void StatusPanel::onActivity(const ServerActivity &activity)
{
    for (const ChatEvent &event : activity.events) {
        if (event.kind == ChatEvent::Kind::Message && !event.fromOperator)
            ++m_messagesSinceTick;
    }
    updateClientCount(activity.clientCount);
}

void StatusPanel::updateClientCount(int count)
{
    m_clientsLabel->setText(count == 0 ? tr("No one connected")
                                       : tr("%n connected", nullptr, count));
}

void StatusPanel::updateRate()
{
    const qint64 elapsed = std::max<qint64>(1, m_rateClock.restart());
    m_rate = double(m_messagesSinceTick) * 1000.0 / double(elapsed);
    m_messagesSinceTick = 0;
    m_rateLabel->setText(tr("%1 messages/s").arg(QLocale().toString(m_rate, 'f', 0)));
}

void StatusPanel::setPublisher(AvahiPublisher *publisher, bool enabled)
{
    if (m_publisher)
        m_publisher->disconnect(this);
    m_publisher = publisher;
    m_announce = enabled;
    if (m_publisher)
        connect(m_publisher, &AvahiPublisher::stateChanged, this, &StatusPanel::updateAnnouncement);
    updateAnnouncement();
}

void StatusPanel::setAnnounceEnabled(bool enabled)
{
    m_announce = enabled;
    updateAnnouncement();
}

QString StatusPanel::announcementText() const
{
    if (!m_publisher)
        return tr("Not announced");
    if (!m_announce)
        return tr("Not announced: turned off in the settings (or with --no-announce)");
    if (!m_controller->isRunning())
        return tr("Not announced while the server is stopped");
    if (m_controller->status().bindAddress.isLoopback())
        return tr("Not announced: the server listens on %1 only")
            .arg(m_controller->status().bindAddress.toString());
    const QString name = m_publisher->publishedName();
    switch (m_publisher->state()) {
    case AvahiPublisher::State::Established:
        return tr("Visible on the network as “%1”").arg(name);
    case AvahiPublisher::State::Off:
    case AvahiPublisher::State::Registering:
        return tr("Announcing as “%1” on the network…").arg(name);
    case AvahiPublisher::State::Unavailable:
        return tr("Not announced: %1. Others can still join with the address, the invite or "
                  "the QR code.")
            .arg(m_publisher->problem());
    case AvahiPublisher::State::Failed:
        return tr("Not announced: %1").arg(m_publisher->problem());
    }
    return {};
}

void StatusPanel::updateAnnouncement()
{
    m_announceLabel->setText(announcementText());
    m_announceLabel->setToolTip(
        m_publisher && m_publisher->state() == AvahiPublisher::State::Established
            ? tr("Announced with DNS-SD as _lanchat._tcp and _http._tcp; the join dialog and "
                 "phones' service browsers list it. The token is not announced.")
            : QString());
}

#include "moc_statuspanel.cpp"
