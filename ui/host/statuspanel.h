// Lives in the GUI thread. Where others join and how the server is doing: the addresses with the
// port, the TLS certificate's fingerprint, whether and how the host is announced on the network,
// the token (hidden until asked) with "Copy invite", the QR code for phones, the server's state,
// how many are connected and the messages per second. Independent of any window: it needs only
// the ServerController (and, for the announcement, the AvahiPublisher).
#pragma once

#include "chattypes.h"
#include "invitelink.h"
#include "servercontroller.h"

#include <QElapsedTimer>
#include <QGroupBox>

class AvahiPublisher;
class InviteQrPanel;
class QAction;
class QHBoxLayout;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

class StatusPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusPanel)

public:
    explicit StatusPanel(ServerController *controller, QWidget *parent = nullptr);
    ~StatusPanel() override;

    // The text another user needs to join: the addresses with the port, and the token.
    QString inviteText() const;
    // Puts inviteText() on the clipboard (once the server has started).
    void copyInvite();
    // Shows what the publisher reports ("Visible on the network as …" or why not); enabled is
    // whether announcing is on (the settings, or --no-announce).
    void setPublisher(AvahiPublisher *publisher, bool enabled);
    void setAnnounceEnabled(bool enabled);
    bool isAnnounceEnabled() const { return m_announce; }
    QString announcementText() const;
    InviteQrPanel *qrPanel() const { return m_qrPanel; }
    // Buttons for the server's controls (start, stop…) under its state.
    void setServerActions(const QList<QAction *> &actions);
    double messagesPerSecond() const { return m_rate; }
    // What the server reported when it last started.
    ServerStatus status() const { return m_status; }

signals:
    // A passing message for a status bar.
    void statusMessage(const QString &message, int timeoutMs);

private:
    void onStarted(const ServerStatus &status);
    void onStateChanged(ServerController::State state);
    void onActivity(const ServerActivity &activity);
    void updateClientCount(int count);
    void updateRate();
    void updateAnnouncement();
    // The addresses others can reach the server at (the bound one, or every non-loopback one).
    QList<QHostAddress> reachableAddresses() const;
    // The invite for one of them (docs/PROTOCOL.md, "TLS": fp= when TLS is on).
    InviteLink inviteFor(const QHostAddress &address) const;

    ServerController *m_controller;
    ServerStatus m_status;
    AvahiPublisher *m_publisher = nullptr;
    bool m_announce = false;

    QFormLayout *m_form = nullptr;
    QLabel *m_addressLabel = nullptr;
    QLabel *m_fingerprintLabel = nullptr; // the TLS certificate's SHA-256; hidden without TLS
    QLabel *m_announceLabel = nullptr;
    QLineEdit *m_tokenField = nullptr;
    QPushButton *m_copyButton = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_clientsLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QHBoxLayout *m_serverButtons = nullptr;
    InviteQrPanel *m_qrPanel = nullptr;

    QTimer *m_rateTimer = nullptr;
    QElapsedTimer m_rateClock;
    quint64 m_messagesSinceTick = 0;
    double m_rate = 0;
};
