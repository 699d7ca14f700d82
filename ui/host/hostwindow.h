// Lives in the GUI thread. The operator console: composed of the host panels (status, live,
// history, clients, bans, moderation log, broadcast), with the server's start/stop/restart, the
// settings and a banner for what is wrong. It sees the server only through ServerController; each
// panel does too. As Role::Panel it is the operator tools of the host's chat window (a dock: the
// panels as tabs, its menus shown by the chat window, no tray, title or notifications of its
// own); as Role::Window a window of its own with the unread count and a tray icon.
#pragma once

#include "banspanel.h"
#include "chattypes.h"
#include "clientspanel.h"
#include "livepanel.h"
#include "moderationlogmodel.h"
#include "servercontroller.h"
#include "statuspanel.h"

#include <QMainWindow>

class AvahiPublisher;
class BroadcastPanel;
class ClientTableModel;
class EventTableModel;
class HistoryPanel;
class HostTray;
class InviteQrPanel;
class ModerationLogPanel;
class QAction;
class QMenu;
class QLabel;
class QTabWidget;
class SettingsDialog;

class HostWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostWindow)

public:
    static constexpr int MaxLiveRows = LivePanel::MaxRows;
    static constexpr int MaxModerationRows = ModerationLogModel::MaxRows;

    enum class Role { Window, Panel };

    explicit HostWindow(ServerController *controller, QWidget *parent = nullptr,
                        Role role = Role::Window);
    ~HostWindow() override;

    // The text another user needs to join: the addresses with the port, and the token.
    QString inviteText() const { return m_status->inviteText(); }
    // The configuration Start and Restart use, and which the settings dialog changes.
    void setServerConfig(const ServerConfig &config);
    ServerConfig serverConfig() const { return m_config; }
    // Shows what the publisher reports ("Visible on the network as …" or why not); enabled is
    // whether announcing is on (the settings, or --no-announce).
    void setPublisher(AvahiPublisher *publisher, bool enabled)
    {
        m_status->setPublisher(publisher, enabled);
    }
    bool isAnnounceEnabled() const { return m_status->isAnnounceEnabled(); }
    // What the operator window says about the announcement.
    QString announcementText() const { return m_status->announcementText(); }
    InviteQrPanel *qrPanel() const { return m_status->qrPanel(); }

    EventTableModel *liveModel() const { return m_live->model(); }
    ClientTableModel *clientModel() const { return m_clients->model(); }
    HistoryPanel *historyPanel() const { return m_history; }
    int unreadCount() const;
    double messagesPerSecond() const { return m_status->messagesPerSecond(); }
    // What the banner above the console says is wrong (storage, start); empty when hidden.
    QString problemText() const;

    // The actions on the selected client; they open small dialogs with open().
    void kickSelected() { m_clients->kickSelected(); }
    void banSelected() { m_clients->banSelected(); }
    void muteSelected(qint64 seconds) { m_clients->muteSelected(seconds); }
    void unmuteSelected() { m_clients->unmuteSelected(); }
    void unbanSelected() { m_bans->unbanSelected(); }
    void openSettings();

    Role role() const { return m_role; }
    // The Server and Client menus (Role::Panel: for the chat window's menu bar).
    QList<QMenu *> menus() const { return m_menus; }
    ClientsPanel *clientsPanel() const { return m_clients; }
    // Selects the connected client of that name in the clients panel (clearing its filter when
    // it hides the client), so that its actions apply to it; false when nobody of that name is
    // connected.
    bool selectClient(const QString &username) { return m_clients->selectClient(username); }
    // Connected chat clients that are not operators (not the host's own chat).
    int participantCount() const { return m_clients->participantCount(); }

signals:
    // The operator turned announcing on or off in the settings.
    void announceChanged(bool enabled);
    // The settings dialog was accepted (and its values saved).
    void settingsApplied();
    // Role::Panel: Quit was chosen; the chat window decides (it asks while people are connected).
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createActions();

    void onStarted(const ServerStatus &status);
    void onStateChanged(ServerController::State state);
    void onActivity(const ServerActivity &activity);
    void showProblem(const QString &problem);
    void applySettings(const SettingsDialog &dialog);
    void startServer();
    // Hosts on another port (the busy-port dialog saved it in the settings).
    void startOnPort(quint16 port);
    void restartServer();

    ServerController *m_controller;
    const Role m_role;
    QList<QMenu *> m_menus;
    ServerConfig m_config;
    bool m_closeToTray = false;
    bool m_quitting = false;

    QLabel *m_problemBanner = nullptr;
    StatusPanel *m_status = nullptr;
    QTabWidget *m_leftTabs = nullptr;
    QTabWidget *m_rightTabs = nullptr;
    LivePanel *m_live = nullptr;
    HistoryPanel *m_history = nullptr;
    ClientsPanel *m_clients = nullptr;
    BansPanel *m_bans = nullptr;
    ModerationLogPanel *m_moderation = nullptr;
    BroadcastPanel *m_broadcast = nullptr;

    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_restartAction = nullptr;

    HostTray *m_tray = nullptr; // Role::Window only
};
