#include "hostwindow.h"

#include "banspanel.h"
#include "broadcastpanel.h"
#include "clientspanel.h"
#include "historypanel.h"
#include "lanchatsettings.h"
#include "moderationlogpanel.h"
#include "panelnavigation.h"
#include "portconflictdialog.h"
#include "registeredpanel.h"
#include "roomspanel.h"
#include "settingsdialog.h"
#include "statuspanel.h"

#include <QAction>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
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

HostWindow::HostWindow(ServerController *controller, QWidget *parent)
    : QMainWindow(parent), m_controller(controller)
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(layout->contentsMargins().left(), 0,
                               layout->contentsMargins().right(), 0);
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

    // Beside the chat, the panels one at a time; their names wrap into rows rather than hide
    // behind scroll arrows in a narrow dock.
    m_navigation = new PanelNavigation(central);
    m_navigation->setObjectName(u"operatorNavigation"_s);
    m_navigation->setAccessibleName(tr("Operator panels"));
    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(u"operatorPages"_s);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);

    // Each panel a page, named for the tests and the accessibility tree.
    const auto addPanel = [this](auto *panel, const QString &name, const QString &title) {
        panel->setObjectName(name);
        panel->setAccessibleName(title);
        m_pages->addWidget(panel);
        m_navigation->addPanel(title);
        return panel;
    };
    m_status = new StatusPanel(m_controller);
    m_status->setObjectName(u"statusPanel"_s);
    // The status grows downwards as the dock narrows: it scrolls up and down, never sideways.
    auto *statusScroll = new QScrollArea;
    statusScroll->setFrameShape(QFrame::NoFrame);
    statusScroll->setWidgetResizable(true);
    statusScroll->setWidget(m_status);
    addPanel(statusScroll, u"statusScroll"_s, tr("Status"));
    m_clients = addPanel(new ClientsPanel(m_controller), u"clientsPanel"_s, tr("Clients"));
    m_bans = addPanel(new BansPanel(m_controller), u"bansPanel"_s, tr("Bans"));
    connect(m_bans, &BansPanel::countChanged, this, [this](int count) {
        m_navigation->setPanelTitle(m_pages->indexOf(m_bans),
                                    count == 0 ? tr("Bans") : tr("Bans (%1)").arg(count));
    });
    m_registered
        = addPanel(new RegisteredPanel(m_controller), u"registeredPanel"_s, tr("Registered names"));
    m_rooms = addPanel(new RoomsPanel(m_controller), u"roomsPanel"_s, tr("Rooms"));
    m_moderation = addPanel(new ModerationLogPanel(m_controller), u"moderationLogPanel"_s,
                            tr("Moderation log"));
    m_broadcast
        = addPanel(new BroadcastPanel(m_controller), u"broadcastPanel"_s, tr("Announcements"));
    m_live = addPanel(new LivePanel(m_controller), u"livePanel"_s, tr("Live"));
    m_history = addPanel(new HistoryPanel(m_controller), u"historyPanel"_s, tr("History"));
    m_navigation->setCurrentRow(0);
    setCentralWidget(central);
    statusBar()->setSizeGripEnabled(false); // in a dock: the dock's edge resizes

    createActions();

    const auto showMessage = [this](const QString &message, int timeoutMs) {
        statusBar()->showMessage(message, timeoutMs);
    };
    connect(m_status, &StatusPanel::statusMessage, this, showMessage);
    connect(m_history, &HistoryPanel::exportDone, this,
            [showMessage](const QString &message) { showMessage(message, 8000); });
    connect(m_controller, &ServerController::started, this, &HostWindow::onStarted);
    connect(m_controller, &ServerController::stateChanged, this, &HostWindow::onStateChanged);
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
        reportFailure(tr("LanChat could not start hosting"), error);
    });
    // The history turned out damaged after the start (its check runs while the server serves).
    connect(m_controller, &ServerController::failed, this,
            [this](const QString &error) { reportFailure(tr("LanChat stopped hosting"), error); });
    onStateChanged(m_controller->state());
}

HostWindow::~HostWindow() = default;

void HostWindow::reportFailure(const QString &title, const QString &error)
{
    showProblem(tr("Not hosting: %1").arg(error));
    auto *box = new QMessageBox(QMessageBox::Critical, title, error, QMessageBox::Ok, this);
    box->setObjectName(u"startFailedBox"_s);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void HostWindow::showPanel(QWidget *panel)
{
    QWidget *page = panel == m_status ? m_pages->widget(0) : panel;
    m_navigation->setCurrentRow(m_pages->indexOf(page));
}

void HostWindow::createActions()
{
    // The chat window shows these menus in its own menu bar.
    auto *serverMenu = new QMenu(tr("&Server"), this);
    auto *clientMenu = new QMenu(tr("&Client"), this);
    auto *operatorMenu = new QMenu(tr("&Operator"), this);
    m_menus = {serverMenu, clientMenu, operatorMenu};

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
    connect(quitAction, &QAction::triggered, this, &HostWindow::quitRequested);
    serverMenu->addActions({m_startAction, m_stopAction, m_restartAction});
    serverMenu->addSeparator();
    serverMenu->addActions({copyInviteAction, settingsAction});
    serverMenu->addSeparator();
    serverMenu->addAction(quitAction);
    // The server's controls also where its state is shown.
    m_status->setServerActions({m_startAction, m_stopAction, m_restartAction, settingsAction});

    clientMenu->addActions(m_clients->clientActions());
    clientMenu->addSeparator();
    clientMenu->addMenu(m_clients->columnMenu());

    auto *focusBroadcast = makeAction(tr("Focus the &announcement"), u"focusBroadcastAction"_s,
                                      QKeySequence(Qt::CTRL | Qt::Key_L), QString());
    connect(focusBroadcast, &QAction::triggered, this, [this] {
        showPanel(m_broadcast);
        m_broadcast->focusAnnouncement();
    });
    auto *focusChat = makeAction(tr("Focus the &chat"), u"focusChatAction"_s,
                                 QKeySequence(Qt::CTRL | Qt::Key_T), QString());
    connect(focusChat, &QAction::triggered, this, [this] {
        showPanel(m_broadcast);
        m_broadcast->focusChat();
    });
    auto *findInHistory = makeAction(tr("&Find in history"), u"findAction"_s,
                                     QKeySequence(QKeySequence::Find), u"edit-find"_s);
    connect(findInHistory, &QAction::triggered, this, [this] {
        showPanel(m_history);
        m_history->focusSearch();
    });
    auto *focusClients = makeAction(tr("Filter &clients"), u"focusClientsAction"_s,
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), QString());
    connect(focusClients, &QAction::triggered, this, [this] {
        showPanel(m_clients);
        m_clients->focusFilter();
    });
    operatorMenu->addActions({focusBroadcast, focusChat, findInHistory, focusClients});
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
    defaults.maxRooms = m_config.maxRooms;
    defaults.maxRoomsPerUser = m_config.maxRoomsPerUser;
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
    values.maxRooms = defaults.maxRooms;
    values.maxRoomsPerUser = defaults.maxRoomsPerUser;
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
    config.maxRooms = values.maxRooms;
    config.maxRoomsPerUser = values.maxRoomsPerUser;
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
          || config.maxRooms != m_config.maxRooms
          || config.maxRoomsPerUser != m_config.maxRoomsPerUser
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

#include "moc_hostwindow.cpp"
