#include "hostwindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QString urlHost(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                               : address.toString();
}

QString describe(const ChatEvent &event)
{
    const QString time = QDateTime::fromMSecsSinceEpoch(event.timestampMs).toString(u"HH:mm:ss"_s);
    switch (event.kind) {
    case ChatEvent::Kind::Message:
        return HostWindow::tr("%1  %2: %3").arg(time, event.username, event.text);
    case ChatEvent::Kind::Join:
        return HostWindow::tr("%1  → %2 joined").arg(time, event.username);
    case ChatEvent::Kind::Leave:
        return HostWindow::tr("%1  ← %2 left").arg(time, event.username);
    case ChatEvent::Kind::Kick:
        return event.text.isEmpty()
                   ? HostWindow::tr("%1  ← %2 was kicked").arg(time, event.username)
                   : HostWindow::tr("%1  ← %2 was kicked: %3")
                         .arg(time, event.username, event.text);
    case ChatEvent::Kind::Announcement:
        return HostWindow::tr("%1  📢 %2: %3").arg(time, event.username, event.text);
    }
    return {};
}
} // namespace

HostWindow::HostWindow(ServerController *controller, QWidget *parent)
    : QMainWindow(parent), m_controller(controller)
{
    setWindowTitle(tr("LanChat — hosting"));
    setWindowIcon(QIcon(u":/icons/lanchat.png"_s));
    resize(760, 560);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    auto *statusBox = new QGroupBox(tr("Others join with"), central);
    auto *form = new QFormLayout(statusBox);
    m_addressLabel = new QLabel(statusBox);
    m_addressLabel->setTextFormat(Qt::PlainText);
    m_addressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Address:"), m_addressLabel);
    auto *tokenRow = new QHBoxLayout;
    m_tokenField = new QLineEdit(statusBox);
    m_tokenField->setObjectName(u"tokenField"_s);
    m_tokenField->setReadOnly(true);
    m_tokenField->setEchoMode(QLineEdit::Password);
    auto *showToken = new QPushButton(tr("Show"), statusBox);
    showToken->setCheckable(true);
    connect(showToken, &QPushButton::toggled, this, [this](bool shown) {
        m_tokenField->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    tokenRow->addWidget(m_tokenField, 1);
    tokenRow->addWidget(showToken);
    form->addRow(tr("Token:"), tokenRow);
    m_copyButton = new QPushButton(tr("&Copy invite"), statusBox);
    m_copyButton->setObjectName(u"copyInviteButton"_s);
    m_copyButton->setEnabled(false);
    connect(m_copyButton, &QPushButton::clicked, this, &HostWindow::copyInvite);
    m_stateLabel = new QLabel(tr("Starting…"), statusBox);
    m_clientsLabel = new QLabel(tr("No one connected"), statusBox);
    m_clientsLabel->setObjectName(u"clientsLabel"_s);
    auto *stateRow = new QHBoxLayout;
    stateRow->addWidget(m_stateLabel);
    stateRow->addStretch();
    stateRow->addWidget(m_clientsLabel);
    stateRow->addWidget(m_copyButton);
    form->addRow(stateRow);
    layout->addWidget(statusBox);

    m_log = new QPlainTextEdit(central);
    m_log->setObjectName(u"liveLog"_s);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(MaxLogLines);
    m_log->setPlaceholderText(tr("Messages, joins and leaves appear here."));
    layout->addWidget(m_log, 1);

    auto *announceRow = new QHBoxLayout;
    m_announcementField = new QLineEdit(central);
    m_announcementField->setObjectName(u"announcementField"_s);
    m_announcementField->setPlaceholderText(tr("Announcement to everyone"));
    m_announcementField->setMaxLength(5000);
    m_announceButton = new QPushButton(tr("&Announce"), central);
    m_announceButton->setObjectName(u"announceButton"_s);
    m_announceButton->setEnabled(false);
    connect(m_announcementField, &QLineEdit::returnPressed, this, &HostWindow::sendAnnouncement);
    connect(m_announceButton, &QPushButton::clicked, this, &HostWindow::sendAnnouncement);
    announceRow->addWidget(m_announcementField, 1);
    announceRow->addWidget(m_announceButton);
    layout->addLayout(announceRow);
    setCentralWidget(central);

    connect(m_controller, &ServerController::started, this, &HostWindow::onStarted);
    connect(m_controller, &ServerController::stateChanged, this, &HostWindow::onStateChanged);
    connect(m_controller, &ServerController::activity, this, &HostWindow::onActivity);
    connect(m_controller, &ServerController::startFailed, this, [this](const QString &error) {
        m_stateLabel->setText(tr("Not running"));
        QMessageBox::critical(this, tr("LanChat could not start hosting"), error);
    });
}

HostWindow::~HostWindow() = default;

QStringList HostWindow::reachableUrls() const
{
    QStringList urls;
    const QHostAddress bound = m_status.bindAddress;
    if (bound != QHostAddress::Any && bound != QHostAddress::AnyIPv4
        && bound != QHostAddress::AnyIPv6) {
        urls << u"%1:%2"_s.arg(urlHost(bound)).arg(m_status.port);
        return urls;
    }
    const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : addresses) {
        if (address.isLoopback() || address.isLinkLocal())
            continue;
        urls << u"%1:%2"_s.arg(urlHost(address)).arg(m_status.port);
    }
    if (urls.isEmpty())
        urls << u"127.0.0.1:%1"_s.arg(m_status.port);
    return urls;
}

QString HostWindow::inviteText() const
{
    const QStringList urls = reachableUrls();
    QStringList lines;
    lines << tr("Join my LanChat:");
    for (const QString &url : urls)
        lines << u"  lanchat://%1?token=%2"_s.arg(url, m_status.token);
    // The same server serves a chat page: anyone can join from a browser.
    const QString token = QString::fromLatin1(QUrl::toPercentEncoding(m_status.token));
    lines << tr("Or in a web browser:");
    for (const QString &url : urls)
        lines << u"  http://%1/?token=%2"_s.arg(url, token);
    return lines.join(u'\n');
}

void HostWindow::onStarted(const ServerStatus &status)
{
    m_status = status;
    m_addressLabel->setText(reachableUrls().join(u'\n'));
    m_tokenField->setText(status.token);
    m_copyButton->setEnabled(true);
    statusBar()->showMessage(tr("History is kept in %1").arg(status.databasePath));
}

void HostWindow::onStateChanged(ServerController::State state)
{
    switch (state) {
    case ServerController::State::Stopped:
        m_stateLabel->setText(tr("Stopped"));
        break;
    case ServerController::State::Starting:
        m_stateLabel->setText(tr("Starting…"));
        break;
    case ServerController::State::Running:
        m_stateLabel->setText(tr("Hosting"));
        break;
    case ServerController::State::Stopping:
        m_stateLabel->setText(tr("Stopping…"));
        break;
    }
    m_announceButton->setEnabled(state == ServerController::State::Running);
}

void HostWindow::onActivity(const ServerActivity &activity)
{
    if (!activity.events.isEmpty()) {
        QStringList lines;
        lines.reserve(activity.events.size());
        for (const ChatEvent &event : activity.events)
            lines << describe(event);
        m_log->appendPlainText(lines.join(u'\n'));
    }
    m_clientsLabel->setText(activity.clientCount == 0
                                ? tr("No one connected")
                                : tr("%n connected", nullptr, activity.clientCount));
}

void HostWindow::sendAnnouncement()
{
    const QString text = m_announcementField->text();
    if (text.trimmed().isEmpty() || !m_controller->isRunning())
        return;
    m_controller->announce(text);
    m_announcementField->clear();
}

void HostWindow::copyInvite()
{
    QApplication::clipboard()->setText(inviteText());
    statusBar()->showMessage(tr("Invite copied to the clipboard."), 4000);
}
