// Lives in the GUI thread. The operator console, the operator tools in the host's chat window (its
// dock, see OperatorTools): the host panels (status, clients, bans, registered names, rooms,
// moderation log, announcements, live, history) one at a time, chosen in a PanelNavigation that
// wraps rather than hides entries in a narrow dock; the server's start/stop/restart and the
// settings (in the Server menu and on the status panel); a banner for what is wrong. Its Server,
// Client and Operator menus are for the chat window's menu bar; it has no title, tray or
// notifications of its own. It sees the server only through ServerController; each panel does too.
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
class InviteQrPanel;
class ModerationLogPanel;
class RegisteredPanel;
class RoomsPanel;
class QAction;
class PanelNavigation;
class QMenu;
class QLabel;
class QStackedWidget;
class SettingsDialog;

class HostWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostWindow)

public:
    static constexpr int MaxLiveRows = LivePanel::MaxRows;
    static constexpr int MaxModerationRows = ModerationLogModel::MaxRows;

    explicit HostWindow(ServerController *controller, QWidget *parent = nullptr);
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

    // The Server, Client and Operator menus, for the chat window's menu bar.
    QList<QMenu *> menus() const { return m_menus; }
    ClientsPanel *clientsPanel() const { return m_clients; }
    // Shows that panel (one of the console's) in place of the current one.
    void showPanel(QWidget *panel);
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
    // Quit was chosen; the chat window decides (it asks while people are connected).
    void quitRequested();

private:
    void createActions();

    void onStarted(const ServerStatus &status);
    void onStateChanged(ServerController::State state);
    void showProblem(const QString &problem);
    // The banner and a dialog (title, then the error as plain text) when hosting failed.
    void reportFailure(const QString &title, const QString &error);
    void applySettings(const SettingsDialog &dialog);
    void startServer();
    // Hosts on another port (the busy-port dialog saved it in the settings).
    void startOnPort(quint16 port);
    void restartServer();

    ServerController *m_controller;
    QList<QMenu *> m_menus;
    ServerConfig m_config;

    QLabel *m_problemBanner = nullptr;
    StatusPanel *m_status = nullptr;
    PanelNavigation *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    LivePanel *m_live = nullptr;
    HistoryPanel *m_history = nullptr;
    ClientsPanel *m_clients = nullptr;
    BansPanel *m_bans = nullptr;
    RegisteredPanel *m_registered = nullptr;
    RoomsPanel *m_rooms = nullptr;
    ModerationLogPanel *m_moderation = nullptr;
    BroadcastPanel *m_broadcast = nullptr;

    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_restartAction = nullptr;
};
