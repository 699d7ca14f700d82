#include "hostwindow.h"

#include "banspanel.h"
#include "broadcastpanel.h"
#include "clientspanel.h"
#include "historypanel.h"
#include "hosttray.h"
#include "lanchatsettings.h"
#include "moderationlogpanel.h"
#include "portconflictdialog.h"
#include "settingsdialog.h"
#include "statuspanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// The history size limit as the settings dialog shows it: whole MiB, rounded up.
int historyLimitMiB(const ServerConfig &config)
{
    constexpr qint64 MiB = 1024 * 1024;
    return int((config.maxHistoryBytes + MiB - 1) / MiB);
}
} // namespace

HostWindow::HostWindow(ServerController *controller, QWidget *parent, Role role)
    : QMainWindow(parent), m_controller(controller), m_role(role)
{
    setWindowIcon(QIcon(u":/icons/lanchat.png"_s));
    if (m_role == Role::Window)
        resize(1100, 720);
    m_closeToTray = Settings::UiCloseToTray.value(QSettings());

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    // Storage failures and failed starts stay in sight until they are over, unlike the status
    // bar's messages.
    m_problemBanner = new QLabel(central);
    m_problemBanner->setObjectName(u"problemBanner"_s);
    m_problemBanner->setTextFormat(Qt::PlainText);
    m_problemBanner->setWordWrap(true);
    m_problemBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problemBanner->setStyleSheet(
        u"QLabel { background: #fdecea; color: #611a15; border: 1px solid #f5c6cb;"
        u" padding: 6px; font-weight: bold; }"_s);
    m_problemBanner->hide();
    layout->addWidget(m_problemBanner);
    m_status = new StatusPanel(m_controller, central);
    m_status->setObjectName(u"statusPanel"_s);

    auto *splitter = new QSplitter(Qt::Horizontal, central);
    m_leftTabs = new QTabWidget(splitter);
    m_leftTabs->setObjectName(u"leftTabs"_s);
    m_rightTabs = new QTabWidget(splitter);
    m_rightTabs->setObjectName(u"rightTabs"_s);
    // Each panel a tab, named for the tests and the accessibility tree.
    const auto addPanel
        = [this](QTabWidget *tabs, auto *panel, const QString &name, const QString &title) {
              panel->setObjectName(name);
              tabs->addTab(panel, title);
              return panel;
          };
    m_live = addPanel(m_leftTabs, new LivePanel(m_controller), u"livePanel"_s, tr("&Live"));
    m_history
        = addPanel(m_leftTabs, new HistoryPanel(m_controller), u"historyPanel"_s, tr("&History"));
    m_clients
        = addPanel(m_rightTabs, new ClientsPanel(m_controller), u"clientsPanel"_s, tr("&Clients"));
    m_bans = addPanel(m_rightTabs, new BansPanel(m_controller), u"bansPanel"_s, tr("&Bans"));
    connect(m_bans, &BansPanel::countChanged, this, [this](int count) {
        m_rightTabs->setTabText(m_rightTabs->indexOf(m_bans),
                                count == 0 ? tr("&Bans") : tr("&Bans (%1)").arg(count));
    });
    m_moderation = addPanel(m_rightTabs, new ModerationLogPanel(m_controller),
                            u"moderationLogPanel"_s, tr("&Moderation log"));
    m_broadcast = new BroadcastPanel(m_controller, central);
    m_broadcast->setObjectName(u"broadcastPanel"_s);
    if (m_role == Role::Panel) {
        // Beside the chat: one column of tabs, the status first.
        auto *tabs = new QTabWidget(central);
        tabs->setObjectName(u"operatorTabs"_s);
        tabs->setDocumentMode(true);
        // The status (a grid beside the QR code) scrolls rather than widening the dock.
        auto *statusScroll = new QScrollArea(tabs);
        statusScroll->setObjectName(u"statusScroll"_s);
        statusScroll->setFrameShape(QFrame::NoFrame);
        statusScroll->setWidgetResizable(true);
        statusScroll->setWidget(m_status);
        tabs->addTab(statusScroll, tr("&Status"));
        const auto moveTabs = [tabs](QTabWidget *from) {
            while (from->count() > 0) {
                const QString text = from->tabText(0);
                tabs->addTab(from->widget(0), text);
            }
        };
        moveTabs(m_rightTabs);
        tabs->addTab(m_broadcast, tr("&Announcements"));
        moveTabs(m_leftTabs);
        delete splitter;
        m_leftTabs = m_rightTabs = tabs;
        layout->addWidget(tabs, 1);
    } else {
        layout->addWidget(m_status);
        splitter->addWidget(m_leftTabs);
        splitter->addWidget(m_rightTabs);
        splitter->setStretchFactor(0, 1);
        splitter->setStretchFactor(1, 1);
        // Room for all of the clients' columns next to the messages.
        splitter->setSizes({1, 1});
        layout->addWidget(splitter, 1);
        layout->addWidget(m_broadcast);
    }
    setCentralWidget(central);

    createActions();
    if (m_role == Role::Window) {
        m_tray = new HostTray(this, findChild<QAction *>(u"quitAction"_s));
        // A click on a notification shows the live chat, ready to answer.
        connect(m_tray, &HostTray::notificationClicked, this, [this] {
            m_leftTabs->setCurrentWidget(m_live);
            m_broadcast->focusChat();
        });
    }

    const auto showMessage = [this](const QString &message, int timeoutMs) {
        statusBar()->showMessage(message, timeoutMs);
    };
    connect(m_status, &StatusPanel::statusMessage, this, showMessage);
    connect(m_history, &HistoryPanel::exportDone, this,
            [showMessage](const QString &message) { showMessage(message, 8000); });
    connect(m_controller, &ServerController::started, this, &HostWindow::onStarted);
    connect(m_controller, &ServerController::stateChanged, this, &HostWindow::onStateChanged);
    connect(m_controller, &ServerController::activity, this, &HostWindow::onActivity);
    connect(m_controller, &ServerController::storageProblem, this, [this](const QString &problem) {
        showProblem(problem.isEmpty() ? QString()
                                      : tr("Messages are not being stored: %1").arg(problem));
        statusBar()->showMessage(problem.isEmpty() ? tr("The history can be written again.")
                                                   : tr("Messages cannot be stored."),
                                 8000);
    });
    connect(m_controller, &ServerController::startFailed, this, [this](const QString &error) {
        if (auto *busy
            = PortConflictDialog::openIfBusy(m_config.bindAddress, m_config.port, this)) {
            showProblem(tr("Not hosting: port %1 is in use.").arg(m_config.port));
            connect(busy, &PortConflictDialog::usePortChosen, this, &HostWindow::startOnPort);
            connect(busy, &PortConflictDialog::settingsRequested, this, &HostWindow::openSettings);
            return;
        }
        showProblem(tr("Not hosting: %1").arg(error));
        auto *box = new QMessageBox(QMessageBox::Critical, tr("LanChat could not start hosting"),
                                    error, QMessageBox::Ok, this);
        box->setObjectName(u"startFailedBox"_s);
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    onStateChanged(m_controller->state());
}

HostWindow::~HostWindow() = default;

void HostWindow::createActions()
{
    auto *toolBar = addToolBar(tr("Server"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setMovable(false);
    QMenu *serverMenu = menuBar()->addMenu(tr("&Server"));
    QMenu *clientMenu = menuBar()->addMenu(tr("&Client"));
    QMenu *viewMenu = menuBar()->addMenu(m_role == Role::Panel ? tr("&Operator") : tr("&View"));
    m_menus = {serverMenu, clientMenu, viewMenu};
    // The chat window shows these menus in its own menu bar.
    menuBar()->setVisible(m_role == Role::Window);

    const auto makeAction = [this](const QString &text, const QString &name,
                                   const QKeySequence &shortcut, const QString &icon) {
        auto *action = new QAction(QIcon::fromTheme(icon), text, this);
        action->setObjectName(name);
        if (!shortcut.isEmpty()) {
            action->setShortcut(shortcut);
            action->setShortcutContext(Qt::WindowShortcut);
        }
        return action;
    };

    m_startAction
        = makeAction(tr("S&tart"), u"startAction"_s, QKeySequence(), u"media-playback-start"_s);
    connect(m_startAction, &QAction::triggered, this, &HostWindow::startServer);
    m_stopAction
        = makeAction(tr("St&op"), u"stopAction"_s, QKeySequence(), u"media-playback-stop"_s);
    connect(m_stopAction, &QAction::triggered, m_controller, &ServerController::stop);
    m_restartAction = makeAction(tr("&Restart"), u"restartAction"_s,
                                 QKeySequence(Qt::CTRL | Qt::Key_R), u"view-refresh"_s);
    connect(m_restartAction, &QAction::triggered, this, &HostWindow::restartServer);
    auto *copyInviteAction
        = makeAction(tr("Copy &invite"), u"copyInviteAction"_s,
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), u"edit-copy"_s);
    connect(copyInviteAction, &QAction::triggered, m_status, &StatusPanel::copyInvite);
    auto *settingsAction
        = makeAction(tr("&Settings…"), u"settingsAction"_s, QKeySequence(Qt::CTRL | Qt::Key_Comma),
                     u"preferences-system"_s);
    connect(settingsAction, &QAction::triggered, this, &HostWindow::openSettings);
    auto *quitAction = makeAction(tr("&Quit"), u"quitAction"_s, QKeySequence(Qt::CTRL | Qt::Key_Q),
                                  u"application-exit"_s);
    connect(quitAction, &QAction::triggered, this, [this] {
        if (m_role == Role::Panel) {
            emit quitRequested();
            return;
        }
        m_quitting = true;
        close();
        QCoreApplication::quit();
    });
    serverMenu->addActions({m_startAction, m_stopAction, m_restartAction});
    serverMenu->addSeparator();
    serverMenu->addActions({copyInviteAction, settingsAction});
    serverMenu->addSeparator();
    serverMenu->addAction(quitAction);

    const QList<QAction *> clientActions = m_clients->clientActions();
    clientMenu->addActions(clientActions);

    auto *focusBroadcast = makeAction(tr("Focus the &announcement"), u"focusBroadcastAction"_s,
                                      QKeySequence(Qt::CTRL | Qt::Key_L), QString());
    connect(focusBroadcast, &QAction::triggered, m_broadcast, &BroadcastPanel::focusAnnouncement);
    auto *focusChat = makeAction(tr("Focus the &chat"), u"focusChatAction"_s,
                                 QKeySequence(Qt::CTRL | Qt::Key_T), QString());
    connect(focusChat, &QAction::triggered, m_broadcast, &BroadcastPanel::focusChat);
    auto *findInHistory = makeAction(tr("&Find in history"), u"findAction"_s,
                                     QKeySequence(QKeySequence::Find), u"edit-find"_s);
    connect(findInHistory, &QAction::triggered, this, [this] {
        m_leftTabs->setCurrentWidget(m_history);
        m_history->focusSearch();
    });
    auto *focusClients = makeAction(tr("Filter &clients"), u"focusClientsAction"_s,
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), QString());
    connect(focusClients, &QAction::triggered, this, [this] {
        m_rightTabs->setCurrentWidget(m_clients);
        m_clients->focusFilter();
    });
    viewMenu->addActions({focusBroadcast, focusChat, findInHistory, focusClients});
    addActions({focusBroadcast, focusChat, findInHistory, focusClients});

    toolBar->addActions({m_startAction, m_stopAction, m_restartAction});
    toolBar->addSeparator();
    toolBar->addAction(copyInviteAction);
    toolBar->addSeparator();
    toolBar->addActions(clientActions);
    if (auto *muteButton
        = qobject_cast<QToolButton *>(toolBar->widgetForAction(m_clients->muteAction())))
        muteButton->setPopupMode(QToolButton::MenuButtonPopup);
    toolBar->addSeparator();
    toolBar->addAction(settingsAction);
}

void HostWindow::setServerConfig(const ServerConfig &config)
{
    m_config = config;
    m_broadcast->setFallbackName(config.operatorName);
    if (m_broadcast->operatorName().isEmpty())
        m_broadcast->setOperatorName(config.operatorName);
}

void HostWindow::showProblem(const QString &problem)
{
    m_problemBanner->setText(problem);
    m_problemBanner->setVisible(!problem.isEmpty());
}

QString HostWindow::problemText() const
{
    return m_problemBanner->isVisible() ? m_problemBanner->text() : QString();
}

void HostWindow::onStarted(const ServerStatus &status)
{
    showProblem({}); // a new start: older problems were reported by the server before
    statusBar()->showMessage(tr("History is kept in %1").arg(status.databasePath));
}

void HostWindow::onStateChanged(ServerController::State state)
{
    const bool running = state == ServerController::State::Running;
    m_startAction->setEnabled(state == ServerController::State::Stopped);
    m_stopAction->setEnabled(running);
    m_restartAction->setEnabled(running || state == ServerController::State::Stopped);
}

void HostWindow::onActivity(const ServerActivity &activity)
{
    if (m_tray) // the chat window counts and notifies what the host's own client receives
        m_tray->countActivity(activity);
}

void HostWindow::openSettings()
{
    const ServerStatus status = m_status->status();
    SettingsDialog::Values defaults;
    defaults.port = m_config.port;
    const QHostAddress bind = m_config.bindAddress;
    defaults.bindAddress = bind == QHostAddress::Any ? QString() : bind.toString();
    defaults.token = status.token.isEmpty() ? m_config.token : status.token;
    defaults.dataDir = m_config.dataDir;
    defaults.maxHistoryMiB = historyLimitMiB(m_config);
    defaults.operatorName = m_broadcast->operatorName();
    defaults.tls = m_config.tls;
    defaults.tlsCertificate = m_config.tlsCertificatePath;
    defaults.tlsKey = m_config.tlsKeyPath;
    defaults.serverName = m_config.serverName;
    defaults.announce = m_status->isAnnounceEnabled();
    QSettings settings;
    SettingsDialog::Values values = SettingsDialog::load(settings, defaults);
    // What runs now is what the dialog shows (the command line may have overridden the settings).
    values.port = defaults.port;
    values.bindAddress = defaults.bindAddress;
    values.token = defaults.token;
    values.dataDir = defaults.dataDir.isEmpty() ? values.dataDir : defaults.dataDir;
    values.tls = defaults.tls;
    values.tlsCertificate = defaults.tlsCertificate;
    values.tlsKey = defaults.tlsKey;
    values.maxHistoryMiB = defaults.maxHistoryMiB;
    values.serverName = defaults.serverName;
    values.announce = defaults.announce;
    auto *dialog = new SettingsDialog(values, this);
    dialog->setObjectName(u"settingsDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applySettings(*dialog); });
    dialog->open();
}

void HostWindow::applySettings(const SettingsDialog &dialog)
{
    const SettingsDialog::Values values = dialog.values();
    QSettings settings;
    if (const QString error = SettingsDialog::save(settings, values); !error.isEmpty())
        statusBar()->showMessage(error, 8000);
    m_closeToTray = values.closeToTray;
    if (!values.operatorName.isEmpty())
        m_broadcast->setOperatorName(values.operatorName);

    const QString runningToken = m_status->status().token;
    ServerConfig config = m_config;
    config.port = values.port;
    config.bindAddress = values.bindAddress.isEmpty() ? QHostAddress(QHostAddress::Any)
                                                      : QHostAddress(values.bindAddress);
    config.token = values.token;
    config.dataDir = values.dataDir;
    if (values.maxHistoryMiB != historyLimitMiB(m_config)) // else keep the exact bytes
        config.maxHistoryBytes = qint64(values.maxHistoryMiB) * 1024 * 1024;
    if (!values.operatorName.isEmpty())
        config.operatorName = values.operatorName;
    config.tls = values.tls;
    config.tlsCertificatePath = values.tls ? values.tlsCertificate : QString();
    config.tlsKeyPath = values.tls ? values.tlsKey : QString();
    config.serverName = values.serverName;
    if (values.announce != m_status->isAnnounceEnabled()) {
        m_status->setAnnounceEnabled(values.announce);
        emit announceChanged(values.announce);
    }
    const bool changed
        = config.port != m_config.port || config.bindAddress != m_config.bindAddress
          || config.token != (runningToken.isEmpty() ? m_config.token : runningToken)
          || config.dataDir != m_config.dataDir || config.operatorName != m_config.operatorName
          || config.tls != m_config.tls || config.tlsCertificatePath != m_config.tlsCertificatePath
          || config.tlsKeyPath != m_config.tlsKeyPath
          || config.maxHistoryBytes != m_config.maxHistoryBytes
          || config.serverName != m_config.serverName;
    m_config = config;
    m_broadcast->setFallbackName(m_config.operatorName);
    if (m_controller->state() == ServerController::State::Stopped) {
        // The operator fixed what kept it from starting (a busy port, a certificate): start.
        statusBar()->showMessage(tr("Starting the server with the new settings…"));
        m_controller->start(m_config);
    } else if (changed) {
        statusBar()->showMessage(tr("Restarting the server with the new settings…"));
        m_controller->restart(m_config);
    }
    emit settingsApplied();
}

int HostWindow::unreadCount() const
{
    return m_tray ? m_tray->unreadCount() : 0;
}

void HostWindow::startServer()
{
    if (m_controller->state() == ServerController::State::Stopped)
        m_controller->start(m_config);
}

void HostWindow::startOnPort(quint16 port)
{
    m_config.port = port;
    startServer();
}

void HostWindow::restartServer()
{
    m_controller->restart(m_config);
}

void HostWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeToTray && !m_quitting && m_tray && m_tray->isVisible()) {
        hide();
        m_tray->notifyHidden();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void HostWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange && !isMinimized() && m_tray)
        m_tray->clearUnread();
}

void HostWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!isMinimized() && m_tray)
        m_tray->clearUnread();
}
