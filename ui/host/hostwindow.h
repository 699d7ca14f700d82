// Lives in the GUI thread. The operator console: where others connect (addresses, token, invite),
// the server's state with start/stop/restart and settings, the connected clients, the live
// events, the stored history, announcements and operator chat, kick/ban/mute, the ban list and
// the moderation log, whether and how the host is announced on the network, the QR code for
// phones, and a tray icon. It sees the server only through ServerController.
#pragma once

#include "chattypes.h"
#include "invitelink.h"
#include "servercontroller.h"

#include <QElapsedTimer>
#include <QMainWindow>

class AvahiPublisher;
class ClientTableModel;
class EventTableModel;
class HistoryPanel;
class InviteQrPanel;
class QAction;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSystemTrayIcon;
class QTabWidget;
class QTableView;
class QTimer;
class QTreeWidget;
class SettingsDialog;
class WindowNotifier;

class HostWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostWindow)

public:
    static constexpr int MaxLiveRows = 10'000;
    static constexpr int MaxModerationRows = 1'000;

    explicit HostWindow(ServerController *controller, QWidget *parent = nullptr);
    ~HostWindow() override;

    // The text another user needs to join: the addresses with the port, and the token.
    QString inviteText() const;
    // The configuration Start and Restart use, and which the settings dialog changes.
    void setServerConfig(const ServerConfig &config);
    ServerConfig serverConfig() const { return m_config; }
    // Shows what the publisher reports ("Visible on the network as …" or why not); enabled is
    // whether announcing is on (the settings, or --no-announce).
    void setPublisher(AvahiPublisher *publisher, bool enabled);
    bool isAnnounceEnabled() const { return m_announce; }
    // What the operator window says about the announcement.
    QString announcementText() const;
    InviteQrPanel *qrPanel() const { return m_qrPanel; }

    EventTableModel *liveModel() const { return m_liveModel; }
    ClientTableModel *clientModel() const { return m_clientModel; }
    HistoryPanel *historyPanel() const { return m_history; }
    int unreadCount() const { return m_unread; }
    double messagesPerSecond() const { return m_rate; }
    // What the banner above the console says is wrong (storage, start); empty when hidden.
    QString problemText() const;

    // The actions on the selected client; they open small dialogs with open().
    void kickSelected();
    void banSelected();
    void muteSelected(qint64 seconds);
    void unmuteSelected();
    void unbanSelected();
    void openSettings();

signals:
    // The operator turned announcing on or off in the settings.
    void announceChanged(bool enabled);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    QWidget *createStatusBox();
    QWidget *createLivePanel();
    QWidget *createClientsPanel();
    QWidget *createBansPanel();
    QWidget *createModerationPanel();
    QWidget *createBroadcastBox();
    void createTray();

    void onStarted(const ServerStatus &status);
    void onStateChanged(ServerController::State state);
    void onActivity(const ServerActivity &activity);
    void onBansChanged(const QList<BanInfo> &bans);
    void showProblem(const QString &problem);
    void addModeration(const QList<ModerationRecord> &records);
    void applySettings(const SettingsDialog &dialog);
    void updateRate();
    void updateSelectionActions();
    void updateClientCount(int count);
    void updateUnread();
    void updateAnnouncement();
    void sendAnnouncement();
    void sendChat();
    void copyInvite();
    void startServer();
    void restartServer();
    ClientInfo selectedClient() const;
    // The addresses others can reach the server at (the bound one, or every non-loopback one).
    QList<QHostAddress> reachableAddresses() const;
    // The invite for one of them (docs/PROTOCOL.md, "TLS": fp= when TLS is on).
    InviteLink inviteFor(const QHostAddress &address) const;

    ServerController *m_controller;
    ServerConfig m_config;
    ServerStatus m_status;
    bool m_closeToTray = false;
    bool m_quitting = false;

    EventTableModel *m_liveModel = nullptr;
    ClientTableModel *m_clientModel = nullptr;
    QSortFilterProxyModel *m_clientProxy = nullptr;

    QLabel *m_problemBanner = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_addressLabel = nullptr;
    QLabel *m_fingerprintLabel = nullptr; // the TLS certificate's SHA-256; hidden without TLS
    QLabel *m_announceLabel = nullptr;
    InviteQrPanel *m_qrPanel = nullptr;
    AvahiPublisher *m_publisher = nullptr;
    bool m_announce = false;
    QFormLayout *m_statusForm = nullptr;
    QLineEdit *m_tokenField = nullptr;
    QLabel *m_clientsLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QPushButton *m_copyButton = nullptr;
    QTabWidget *m_leftTabs = nullptr;
    QTabWidget *m_rightTabs = nullptr;
    QTableView *m_liveView = nullptr;
    QTableView *m_clientView = nullptr;
    QLineEdit *m_clientFilter = nullptr;
    HistoryPanel *m_history = nullptr;
    QTreeWidget *m_banList = nullptr;
    QTreeWidget *m_moderationLog = nullptr;
    QLineEdit *m_announcementField = nullptr;
    QPushButton *m_announceButton = nullptr;
    QLineEdit *m_operatorNameField = nullptr;
    QLineEdit *m_chatField = nullptr;
    QPushButton *m_chatButton = nullptr;

    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_restartAction = nullptr;
    QAction *m_kickAction = nullptr;
    QAction *m_banAction = nullptr;
    QAction *m_muteAction = nullptr;
    QAction *m_unmuteAction = nullptr;
    QAction *m_unbanAction = nullptr;

    QSystemTrayIcon *m_tray = nullptr;
    WindowNotifier *m_notifier = nullptr;
    int m_unread = 0;
    QElapsedTimer m_lastNotification;

    QTimer *m_rateTimer = nullptr;
    QElapsedTimer m_rateClock;
    quint64 m_messagesSinceTick = 0;
    double m_rate = 0;
};
