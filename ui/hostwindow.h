// Lives in the GUI thread. The operator console: where others connect (addresses, token, invite),
// the server's state with start/stop/restart and settings, the connected clients, the live
// events, the stored history, announcements and operator chat, kick/ban/mute, the ban list and
// the moderation log, and a tray icon. It sees the server only through ServerController.
#pragma once

#include "chattypes.h"
#include "servercontroller.h"

#include <QElapsedTimer>
#include <QMainWindow>

class ClientTableModel;
class EventTableModel;
class HistoryPanel;
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
    void sendAnnouncement();
    void sendChat();
    void copyInvite();
    void startServer();
    void restartServer();
    ClientInfo selectedClient() const;
    QStringList reachableUrls() const;

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
