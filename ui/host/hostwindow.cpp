#include "hostwindow.h"

#include "banspanel.h"
#include "broadcastpanel.h"
#include "clientspanel.h"
#include "historypanel.h"
#include "lanchatsettings.h"
#include "moderationlogpanel.h"
#include "portconflictdialog.h"
#include "settingsdialog.h"
#include "statuspanel.h"
#include "windownotifier.h"

#include "clienttablemodel.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
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
    if (m_role == Role::Window) {
        setWindowTitle(tr("LanChat — hosting"));
        resize(1100, 720);
    }
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
    m_live = new LivePanel(m_controller, m_leftTabs);
    m_live->setObjectName(u"livePanel"_s);
    m_leftTabs->addTab(m_live, tr("&Live"));
    m_history = new HistoryPanel(m_controller, m_leftTabs);
    m_history->setObjectName(u"historyPanel"_s);
    m_leftTabs->addTab(m_history, tr("&History"));
    m_rightTabs = new QTabWidget(splitter);
    m_rightTabs->setObjectName(u"rightTabs"_s);
    m_clients = new ClientsPanel(m_controller, m_rightTabs);
    m_clients->setObjectName(u"clientsPanel"_s);
    m_rightTabs->addTab(m_clients, tr("&Clients"));
    m_bans = new BansPanel(m_controller, m_rightTabs);
    m_bans->setObjectName(u"bansPanel"_s);
    m_rightTabs->addTab(m_bans, tr("&Bans"));
    connect(m_bans, &BansPanel::countChanged, this, [this](int count) {
        m_rightTabs->setTabText(m_rightTabs->indexOf(m_bans),
                                count == 0 ? tr("&Bans") : tr("&Bans (%1)").arg(count));
    });
    m_moderation = new ModerationLogPanel(m_controller, m_rightTabs);
    m_moderation->setObjectName(u"moderationLogPanel"_s);
    m_rightTabs->addTab(m_moderation, tr("&Moderation log"));
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
        while (m_rightTabs->count() > 0) {
            const QString text = m_rightTabs->tabText(0);
            tabs->addTab(m_rightTabs->widget(0), text);
        }
        tabs->addTab(m_broadcast, tr("&Announcements"));
        while (m_leftTabs->count() > 0) {
            const QString text = m_leftTabs->tabText(0);
            tabs->addTab(m_leftTabs->widget(0), text);
        }
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
    createTray();
    // A click on a notification shows the live chat, ready to answer.
    m_notifier = new WindowNotifier(m_tray, this);
    connect(m_notifier, &WindowNotifier::clicked, this, [this] {
        showWindow();
        m_leftTabs->setCurrentWidget(m_live);
        m_broadcast->focusChat();
    });

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

void HostWindow::showWindow()
{
    showNormal();
    raise();
    activateWindow();
}

void HostWindow::createTray()
{
    if (m_role == Role::Panel || !QSystemTrayIcon::isSystemTrayAvailable())
        return; // the chat window has the tray icon
    m_tray = new QSystemTrayIcon(windowIcon(), this);
    m_tray->setObjectName(u"trayIcon"_s);
    m_tray->setToolTip(tr("LanChat"));
    auto *menu = new QMenu(this);
    menu->addAction(tr("&Show LanChat"), this, &HostWindow::showWindow);
    menu->addSeparator();
    menu->addAction(findChild<QAction *>(u"quitAction"_s));
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r != QSystemTrayIcon::Trigger && r != QSystemTrayIcon::DoubleClick)
            return;
        if (isVisible() && !isMinimized())
            hide();
        else
            showWindow();
    });
    m_tray->show();
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
    if (m_role == Role::Panel)
        return; // the chat window counts and notifies what its client receives
    int messages = 0;
    const ChatEvent *last = nullptr;
    for (const ChatEvent &event : activity.events) {
        if (event.kind == ChatEvent::Kind::Message && !event.fromOperator) {
            ++messages;
            last = &event;
        }
    }
    if (messages == 0 || (isVisible() && !isMinimized()))
        return;
    m_unread += messages;
    updateUnread();
    // At most one notification every few seconds, however fast messages come.
    if (!m_lastNotification.isValid() || m_lastNotification.hasExpired(5000)) {
        m_lastNotification.start();
        m_notifier->notify(u"live"_s, last->username, last->text);
    }
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

bool HostWindow::selectClient(const QString &username)
{
    const ClientTableModel *model = m_clients->model();
    QTableView *view = m_clients->view();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->client(row).username != username)
            continue;
        const auto *proxy = qobject_cast<QAbstractProxyModel *>(view->model());
        QModelIndex index = proxy->mapFromSource(model->index(row, 0));
        if (!index.isValid()) { // filtered out
            if (auto *filter = m_clients->findChild<QLineEdit *>())
                filter->clear();
            index = proxy->mapFromSource(model->index(row, 0));
        }
        view->setCurrentIndex(index);
        view->selectRow(index.row());
        return true;
    }
    return false;
}

int HostWindow::participantCount() const
{
    const ClientTableModel *model = m_clients->model();
    int count = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        count += model->client(row).isOperator ? 0 : 1;
    return count;
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

void HostWindow::updateUnread()
{
    if (m_role == Role::Panel)
        return;
    setWindowTitle(m_unread > 0 ? tr("(%1) LanChat — hosting").arg(m_unread)
                                : tr("LanChat — hosting"));
    if (!m_tray)
        return;
    m_tray->setToolTip(m_unread > 0 ? tr("LanChat: %n unread message(s)", nullptr, m_unread)
                                    : tr("LanChat"));
    QIcon icon = windowIcon();
    if (m_unread > 0) {
        // The count on the icon, in the palette's highlight colours (right in light and dark).
        QPixmap pixmap = icon.pixmap(64, 64);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette palette = QApplication::palette();
        const QRectF badge(24, 24, 40, 40);
        painter.setBrush(palette.color(QPalette::Highlight));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(badge);
        QFont font = painter.font();
        font.setPixelSize(m_unread > 99 ? 16 : 24);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(palette.color(QPalette::HighlightedText));
        painter.drawText(badge, Qt::AlignCenter,
                         m_unread > 99 ? u"99+"_s : QString::number(m_unread));
        painter.end();
        icon = QIcon(pixmap);
    }
    m_tray->setIcon(icon);
}

void HostWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeToTray && !m_quitting && m_tray && m_tray->isVisible()) {
        hide();
        m_notifier->notify(u"hosting"_s, tr("LanChat is still hosting"),
                           tr("The server keeps running; quit from the tray menu."));
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void HostWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange && !isMinimized() && m_unread > 0) {
        m_unread = 0;
        updateUnread();
    }
}

void HostWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_unread > 0 && !isMinimized()) {
        m_unread = 0;
        updateUnread();
    }
}
