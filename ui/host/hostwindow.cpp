#include "hostwindow.h"

#include "avahipublisher.h"
#include "bandialog.h"
#include "clienttablemodel.h"
#include "eventtablemodel.h"
#include "historypanel.h"
#include "invitelink.h"
#include "inviteqrpanel.h"
#include "lanchatsettings.h"
#include "localnetworks.h"
#include "safetext.h"
#include "settingsdialog.h"
#include "windownotifier.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// The history size limit as the settings dialog shows it: whole MiB, rounded up.
int historyLimitMiB(const ServerConfig &config)
{
    constexpr qint64 MiB = 1024 * 1024;
    return int((config.maxHistoryBytes + MiB - 1) / MiB);
}

QString shortTime(qint64 ms)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms);
    const QLocale locale;
    return time.date() == QDate::currentDate() ? time.toString(u"HH:mm:ss"_s)
                                               : locale.toString(time, QLocale::ShortFormat);
}

QString actionText(ModerationRecord::Action action)
{
    switch (action) {
    case ModerationRecord::Action::Kick:
        return HostWindow::tr("kick");
    case ModerationRecord::Action::Ban:
        return HostWindow::tr("ban");
    case ModerationRecord::Action::Unban:
        return HostWindow::tr("unban");
    case ModerationRecord::Action::Mute:
        return HostWindow::tr("mute");
    case ModerationRecord::Action::Unmute:
        return HostWindow::tr("unmute");
    case ModerationRecord::Action::Block:
        return HostWindow::tr("block");
    case ModerationRecord::Action::Drop:
        return HostWindow::tr("drop");
    }
    return {};
}

// A table for many rows of one line each: fixed row heights, no grid, whole rows selected.
void setUpTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
}
} // namespace

HostWindow::HostWindow(ServerController *controller, QWidget *parent)
    : QMainWindow(parent),
      m_controller(controller),
      m_liveModel(new EventTableModel(MaxLiveRows, this)),
      m_clientModel(new ClientTableModel(this)),
      m_clientProxy(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("LanChat — hosting"));
    setWindowIcon(QIcon(u":/icons/lanchat.png"_s));
    resize(1100, 720);
    m_closeToTray = Settings::UiCloseToTray.value(QSettings());

    m_clientProxy->setSourceModel(m_clientModel);
    m_clientProxy->setSortRole(ClientTableModel::SortRole);
    m_clientProxy->setFilterKeyColumn(ClientTableModel::Username);
    m_clientProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

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
    layout->addWidget(createStatusBox());

    auto *splitter = new QSplitter(Qt::Horizontal, central);
    m_leftTabs = new QTabWidget(splitter);
    m_leftTabs->setObjectName(u"leftTabs"_s);
    m_leftTabs->addTab(createLivePanel(), tr("&Live"));
    m_history = new HistoryPanel(m_controller, m_leftTabs);
    m_history->setObjectName(u"historyPanel"_s);
    m_leftTabs->addTab(m_history, tr("&History"));
    m_rightTabs = new QTabWidget(splitter);
    m_rightTabs->setObjectName(u"rightTabs"_s);
    m_rightTabs->addTab(createClientsPanel(), tr("&Clients"));
    m_rightTabs->addTab(createBansPanel(), tr("&Bans"));
    m_rightTabs->addTab(createModerationPanel(), tr("&Moderation log"));
    splitter->addWidget(m_leftTabs);
    splitter->addWidget(m_rightTabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    // Room for the clients' columns next to the messages.
    const int unit = fontMetrics().averageCharWidth();
    splitter->setSizes({unit * 80, unit * 66});
    layout->addWidget(splitter, 1);
    layout->addWidget(createBroadcastBox());
    setCentralWidget(central);

    createActions();
    createTray();
    // A click on a notification shows the live chat, ready to answer.
    m_notifier = new WindowNotifier(m_tray, this);
    connect(m_notifier, &WindowNotifier::clicked, this, [this] {
        showNormal();
        raise();
        activateWindow();
        m_leftTabs->setCurrentIndex(0);
        m_chatField->setFocus();
    });

    m_rateTimer = new QTimer(this);
    m_rateTimer->setInterval(1000);
    connect(m_rateTimer, &QTimer::timeout, this, &HostWindow::updateRate);
    m_rateTimer->start();
    m_rateClock.start();

    connect(m_history, &HistoryPanel::exportDone, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_controller, &ServerController::started, this, &HostWindow::onStarted);
    connect(m_controller, &ServerController::stateChanged, this, &HostWindow::onStateChanged);
    connect(m_controller, &ServerController::activity, this, &HostWindow::onActivity);
    connect(m_controller, &ServerController::bansChanged, this, &HostWindow::onBansChanged);
    connect(m_controller, &ServerController::stopped, this, [this] {
        m_qrPanel->setLinks({});
        m_clientModel->clear();
        updateClientCount(0);
    });
    connect(m_controller, &ServerController::storageProblem, this, [this](const QString &problem) {
        showProblem(problem.isEmpty() ? QString()
                                      : tr("Messages are not being stored: %1").arg(problem));
        statusBar()->showMessage(problem.isEmpty() ? tr("The history can be written again.")
                                                   : tr("Messages cannot be stored."),
                                 8000);
    });
    connect(m_controller, &ServerController::startFailed, this, [this](const QString &error) {
        m_stateLabel->setText(tr("Not running"));
        showProblem(tr("Not hosting: %1").arg(error));
        auto *box = new QMessageBox(QMessageBox::Critical, tr("LanChat could not start hosting"),
                                    error, QMessageBox::Ok, this);
        box->setObjectName(u"startFailedBox"_s);
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    onStateChanged(m_controller->state());
    updateSelectionActions();
}

HostWindow::~HostWindow() = default;

QWidget *HostWindow::createStatusBox()
{
    auto *statusBox = new QGroupBox(tr("Others join with"), this);
    auto *columns = new QHBoxLayout(statusBox);
    auto *form = new QFormLayout;
    columns->addLayout(form, 1);
    m_qrPanel = new InviteQrPanel(statusBox);
    m_qrPanel->setObjectName(u"qrPanel"_s);
    columns->addWidget(m_qrPanel);
    m_addressLabel = new QLabel(statusBox);
    m_addressLabel->setObjectName(u"addressLabel"_s);
    m_addressLabel->setTextFormat(Qt::PlainText);
    m_addressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Address:"), m_addressLabel);
    // Joiners compare this with what their client shows before they trust the certificate.
    m_fingerprintLabel = new QLabel(statusBox);
    m_fingerprintLabel->setObjectName(u"fingerprintLabel"_s);
    m_fingerprintLabel->setTextFormat(Qt::PlainText);
    m_fingerprintLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprintLabel->setWordWrap(true);
    m_fingerprintLabel->setToolTip(
        tr("SHA-256 fingerprint of the server's TLS certificate, also part of the invite"));
    form->addRow(tr("Certificate:"), m_fingerprintLabel);
    form->setRowVisible(m_fingerprintLabel, false);
    m_announceLabel = new QLabel(statusBox);
    m_announceLabel->setObjectName(u"announceLabel"_s);
    m_announceLabel->setTextFormat(Qt::PlainText);
    m_announceLabel->setWordWrap(true);
    form->addRow(tr("Network:"), m_announceLabel);
    m_statusForm = form;
    auto *tokenRow = new QHBoxLayout;
    m_tokenField = new QLineEdit(statusBox);
    m_tokenField->setObjectName(u"tokenField"_s);
    m_tokenField->setReadOnly(true);
    m_tokenField->setEchoMode(QLineEdit::Password);
    auto *showToken = new QPushButton(tr("Show"), statusBox);
    showToken->setObjectName(u"showTokenButton"_s);
    showToken->setCheckable(true);
    connect(showToken, &QPushButton::toggled, this, [this, showToken](bool shown) {
        m_tokenField->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        showToken->setText(shown ? tr("Hide") : tr("Show"));
    });
    m_copyButton = new QPushButton(tr("&Copy invite"), statusBox);
    m_copyButton->setObjectName(u"copyInviteButton"_s);
    m_copyButton->setEnabled(false);
    connect(m_copyButton, &QPushButton::clicked, this, &HostWindow::copyInvite);
    tokenRow->addWidget(m_tokenField, 1);
    tokenRow->addWidget(showToken);
    tokenRow->addWidget(m_copyButton);
    form->addRow(tr("Token:"), tokenRow);

    m_stateLabel = new QLabel(tr("Starting…"), statusBox);
    m_stateLabel->setObjectName(u"stateLabel"_s);
    QFont bold = m_stateLabel->font();
    bold.setBold(true);
    m_stateLabel->setFont(bold);
    m_clientsLabel = new QLabel(tr("No one connected"), statusBox);
    m_clientsLabel->setObjectName(u"clientsLabel"_s);
    m_rateLabel = new QLabel(tr("%1 messages/s").arg(0), statusBox);
    m_rateLabel->setObjectName(u"rateLabel"_s);
    auto *stateRow = new QHBoxLayout;
    stateRow->addWidget(m_stateLabel);
    stateRow->addSpacing(fontMetrics().averageCharWidth() * 4);
    stateRow->addWidget(m_clientsLabel);
    stateRow->addSpacing(fontMetrics().averageCharWidth() * 4);
    stateRow->addWidget(m_rateLabel);
    stateRow->addStretch();
    form->addRow(tr("State:"), stateRow);
    updateAnnouncement();
    return statusBox;
}

QWidget *HostWindow::createLivePanel()
{
    m_liveView = new QTableView(this);
    m_liveView->setObjectName(u"liveView"_s);
    m_liveView->setModel(m_liveModel);
    setUpTable(m_liveView);
    // Fixed widths: ResizeToContents would measure up to 1,000 rows on every batch.
    const QFontMetrics metrics = m_liveView->fontMetrics();
    m_liveView->setColumnWidth(EventTableModel::Time, metrics.horizontalAdvance(u"88:88:88"_s)
                                                          + metrics.averageCharWidth() * 3);
    m_liveView->setColumnWidth(EventTableModel::Sender, metrics.averageCharWidth() * 16);
    return m_liveView;
}

QWidget *HostWindow::createClientsPanel()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    m_clientFilter = new QLineEdit(panel);
    m_clientFilter->setObjectName(u"clientFilter"_s);
    m_clientFilter->setPlaceholderText(tr("Filter by name"));
    m_clientFilter->setClearButtonEnabled(true);
    connect(m_clientFilter, &QLineEdit::textChanged, m_clientProxy,
            &QSortFilterProxyModel::setFilterFixedString);
    layout->addWidget(m_clientFilter);

    m_clientView = new QTableView(panel);
    m_clientView->setObjectName(u"clientView"_s);
    m_clientView->setModel(m_clientProxy);
    setUpTable(m_clientView);
    m_clientView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_clientView->setSortingEnabled(true);
    m_clientView->sortByColumn(ClientTableModel::Username, Qt::AscendingOrder);
    m_clientView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_clientView->horizontalHeader()->setStretchLastSection(true);
    m_clientView->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_clientView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HostWindow::updateSelectionActions);
    layout->addWidget(m_clientView, 1);
    return panel;
}

QWidget *HostWindow::createBansPanel()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    m_banList = new QTreeWidget(panel);
    m_banList->setObjectName(u"banList"_s);
    m_banList->setRootIsDecorated(false);
    m_banList->setUniformRowHeights(true);
    m_banList->setAlternatingRowColors(true);
    m_banList->setHeaderLabels(
        {tr("User"), tr("Address"), tr("Until"), tr("Reason"), tr("By"), tr("Since")});
    m_banList->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_banList, &QTreeWidget::itemSelectionChanged, this,
            &HostWindow::updateSelectionActions);
    layout->addWidget(m_banList, 1);
    auto *row = new QHBoxLayout;
    auto *add = new QPushButton(tr("Ban a name or address…"), panel);
    add->setObjectName(u"addBanButton"_s);
    connect(add, &QPushButton::clicked, this, [this] {
        auto *dialog = new BanDialog(ClientInfo(), this);
        dialog->setObjectName(u"banDialog"_s);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this,
                [this, dialog] { m_controller->ban(dialog->request()); });
        dialog->open();
    });
    auto *unban = new QPushButton(tr("&Unban"), panel);
    unban->setObjectName(u"unbanButton"_s);
    connect(unban, &QPushButton::clicked, this, &HostWindow::unbanSelected);
    connect(m_banList, &QTreeWidget::itemSelectionChanged, unban,
            [this, unban] { unban->setEnabled(!m_banList->selectedItems().isEmpty()); });
    unban->setEnabled(false);
    row->addWidget(add);
    row->addStretch();
    row->addWidget(unban);
    layout->addLayout(row);
    return panel;
}

QWidget *HostWindow::createModerationPanel()
{
    m_moderationLog = new QTreeWidget(this);
    m_moderationLog->setObjectName(u"moderationLog"_s);
    m_moderationLog->setRootIsDecorated(false);
    m_moderationLog->setUniformRowHeights(true);
    m_moderationLog->setAlternatingRowColors(true);
    m_moderationLog->setHeaderLabels(
        {tr("When"), tr("Who"), tr("Action"), tr("Target"), tr("Reason"), tr("Detail")});
    return m_moderationLog;
}

QWidget *HostWindow::createBroadcastBox()
{
    auto *box = new QGroupBox(tr("Broadcast"), this);
    auto *grid = new QFormLayout(box);
    auto *announceRow = new QHBoxLayout;
    m_announcementField = new QLineEdit(box);
    m_announcementField->setObjectName(u"announcementField"_s);
    m_announcementField->setPlaceholderText(tr("Announcement to everyone"));
    m_announcementField->setMaxLength(5000);
    m_announceButton = new QPushButton(tr("&Announce"), box);
    m_announceButton->setObjectName(u"announceButton"_s);
    m_announceButton->setEnabled(false);
    connect(m_announcementField, &QLineEdit::returnPressed, this, &HostWindow::sendAnnouncement);
    connect(m_announceButton, &QPushButton::clicked, this, &HostWindow::sendAnnouncement);
    announceRow->addWidget(m_announcementField, 1);
    announceRow->addWidget(m_announceButton);
    grid->addRow(tr("Announcement:"), announceRow);

    auto *chatRow = new QHBoxLayout;
    m_operatorNameField = new QLineEdit(box);
    m_operatorNameField->setObjectName(u"operatorNameField"_s);
    m_operatorNameField->setPlaceholderText(tr("Your name"));
    m_operatorNameField->setMaxLength(64);
    m_operatorNameField->setText(
        Settings::UiOperatorName.value(QSettings(), m_config.operatorName));
    m_operatorNameField->setMaximumWidth(fontMetrics().averageCharWidth() * 20);
    connect(m_operatorNameField, &QLineEdit::editingFinished, this, [this] {
        const QString name = m_operatorNameField->text().trimmed();
        if (!name.isEmpty()) {
            QSettings settings;
            Settings::UiOperatorName.setValue(settings, name);
        }
    });
    m_chatField = new QLineEdit(box);
    m_chatField->setObjectName(u"chatField"_s);
    m_chatField->setPlaceholderText(tr("Chat as the operator"));
    m_chatField->setMaxLength(5000);
    m_chatButton = new QPushButton(tr("S&end"), box);
    m_chatButton->setObjectName(u"chatButton"_s);
    m_chatButton->setEnabled(false);
    connect(m_chatField, &QLineEdit::returnPressed, this, &HostWindow::sendChat);
    connect(m_chatButton, &QPushButton::clicked, this, &HostWindow::sendChat);
    chatRow->addWidget(m_operatorNameField);
    chatRow->addWidget(m_chatField, 1);
    chatRow->addWidget(m_chatButton);
    grid->addRow(tr("Chat:"), chatRow);
    return box;
}

void HostWindow::createActions()
{
    auto *toolBar = addToolBar(tr("Server"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setMovable(false);
    QMenu *serverMenu = menuBar()->addMenu(tr("&Server"));
    QMenu *clientMenu = menuBar()->addMenu(tr("&Client"));
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));

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
    connect(copyInviteAction, &QAction::triggered, this, &HostWindow::copyInvite);
    auto *settingsAction
        = makeAction(tr("&Settings…"), u"settingsAction"_s, QKeySequence(Qt::CTRL | Qt::Key_Comma),
                     u"preferences-system"_s);
    connect(settingsAction, &QAction::triggered, this, &HostWindow::openSettings);
    auto *quitAction = makeAction(tr("&Quit"), u"quitAction"_s, QKeySequence(Qt::CTRL | Qt::Key_Q),
                                  u"application-exit"_s);
    connect(quitAction, &QAction::triggered, this, [this] {
        m_quitting = true;
        close();
        QCoreApplication::quit();
    });
    serverMenu->addActions({m_startAction, m_stopAction, m_restartAction});
    serverMenu->addSeparator();
    serverMenu->addActions({copyInviteAction, settingsAction});
    serverMenu->addSeparator();
    serverMenu->addAction(quitAction);

    m_kickAction = makeAction(tr("&Kick…"), u"kickAction"_s, QKeySequence(Qt::CTRL | Qt::Key_K),
                              u"user-offline"_s);
    connect(m_kickAction, &QAction::triggered, this, &HostWindow::kickSelected);
    m_banAction = makeAction(tr("&Ban…"), u"banAction"_s, QKeySequence(Qt::CTRL | Qt::Key_B),
                             u"dialog-cancel"_s);
    connect(m_banAction, &QAction::triggered, this, &HostWindow::banSelected);
    auto *muteMenu = new QMenu(tr("&Mute"), this);
    const QList<QPair<QString, qint64>> durations {{tr("for 5 minutes"), 5 * 60},
                                                   {tr("for 15 minutes"), 15 * 60},
                                                   {tr("for 1 hour"), 3600},
                                                   {tr("for 1 day"), 86400}};
    for (const auto &[label, seconds] : durations) {
        QAction *action = muteMenu->addAction(label);
        action->setObjectName(u"mute%1Action"_s.arg(seconds));
        connect(action, &QAction::triggered, this,
                [this, seconds = seconds] { muteSelected(seconds); });
    }
    m_muteAction = makeAction(tr("&Mute 15 min"), u"muteAction"_s,
                              QKeySequence(Qt::CTRL | Qt::Key_M), u"audio-volume-muted"_s);
    m_muteAction->setMenu(muteMenu);
    connect(m_muteAction, &QAction::triggered, this, [this] { muteSelected(15 * 60); });
    m_unmuteAction
        = makeAction(tr("&Unmute"), u"unmuteAction"_s,
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), u"audio-volume-high"_s);
    connect(m_unmuteAction, &QAction::triggered, this, &HostWindow::unmuteSelected);
    clientMenu->addActions({m_kickAction, m_banAction, m_muteAction, m_unmuteAction});
    m_clientView->addActions({m_kickAction, m_banAction, m_muteAction, m_unmuteAction});

    m_unbanAction = makeAction(tr("U&nban"), u"unbanAction"_s, QKeySequence(), u"edit-undo"_s);
    connect(m_unbanAction, &QAction::triggered, this, &HostWindow::unbanSelected);
    m_banList->addAction(m_unbanAction);

    auto *focusBroadcast = makeAction(tr("Focus the &announcement"), u"focusBroadcastAction"_s,
                                      QKeySequence(Qt::CTRL | Qt::Key_L), QString());
    connect(focusBroadcast, &QAction::triggered, this, [this] {
        m_announcementField->setFocus(Qt::ShortcutFocusReason);
        m_announcementField->selectAll();
    });
    auto *focusChat = makeAction(tr("Focus the &chat"), u"focusChatAction"_s,
                                 QKeySequence(Qt::CTRL | Qt::Key_T), QString());
    connect(focusChat, &QAction::triggered, this,
            [this] { m_chatField->setFocus(Qt::ShortcutFocusReason); });
    auto *findInHistory = makeAction(tr("&Find in history"), u"findAction"_s,
                                     QKeySequence(QKeySequence::Find), u"edit-find"_s);
    connect(findInHistory, &QAction::triggered, this, [this] {
        m_leftTabs->setCurrentWidget(m_history);
        m_history->focusSearch();
    });
    auto *focusClients = makeAction(tr("Filter &clients"), u"focusClientsAction"_s,
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), QString());
    connect(focusClients, &QAction::triggered, this, [this] {
        m_rightTabs->setCurrentIndex(0);
        m_clientFilter->setFocus(Qt::ShortcutFocusReason);
    });
    viewMenu->addActions({focusBroadcast, focusChat, findInHistory, focusClients});
    addActions({focusBroadcast, focusChat, findInHistory, focusClients});

    toolBar->addActions({m_startAction, m_stopAction, m_restartAction});
    toolBar->addSeparator();
    toolBar->addAction(copyInviteAction);
    toolBar->addSeparator();
    toolBar->addActions({m_kickAction, m_banAction, m_muteAction, m_unmuteAction});
    if (auto *muteButton = qobject_cast<QToolButton *>(toolBar->widgetForAction(m_muteAction)))
        muteButton->setPopupMode(QToolButton::MenuButtonPopup);
    toolBar->addSeparator();
    toolBar->addAction(settingsAction);
}

void HostWindow::createTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(windowIcon(), this);
    m_tray->setObjectName(u"trayIcon"_s);
    m_tray->setToolTip(tr("LanChat"));
    auto *menu = new QMenu(this);
    menu->addAction(tr("&Show LanChat"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    menu->addSeparator();
    menu->addAction(findChild<QAction *>(u"quitAction"_s));
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r != QSystemTrayIcon::Trigger && r != QSystemTrayIcon::DoubleClick)
            return;
        if (isVisible() && !isMinimized()) {
            hide();
        } else {
            showNormal();
            raise();
            activateWindow();
        }
    });
    m_tray->show();
}

void HostWindow::setServerConfig(const ServerConfig &config)
{
    m_config = config;
    if (m_operatorNameField->text().isEmpty())
        m_operatorNameField->setText(config.operatorName);
}

QList<QHostAddress> HostWindow::reachableAddresses() const
{
    QList<QHostAddress> addresses
        = LocalNetworks::current().reachableAddresses(m_status.bindAddress);
    if (addresses.isEmpty())
        addresses << QHostAddress(QHostAddress::LocalHost);
    return addresses;
}

InviteLink HostWindow::inviteFor(const QHostAddress &address) const
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
QString HostWindow::inviteText() const
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
    m_status = status;
    showProblem({}); // a new start: older problems were reported by the server before
    QStringList authorities;
    const QList<QHostAddress> addresses = reachableAddresses();
    for (const QHostAddress &address : addresses)
        authorities << inviteFor(address).endpoint().authority();
    m_addressLabel->setText(authorities.join(u'\n'));
    m_fingerprintLabel->setText(status.tls ? tr("SHA-256 %1").arg(status.certificateFingerprint)
                                           : QString());
    m_statusForm->setRowVisible(m_fingerprintLabel, status.tls);
    m_tokenField->setText(status.token);
    m_copyButton->setEnabled(true);
    QStringList browserLinks;
    for (const QHostAddress &address : addresses)
        browserLinks << inviteFor(address).toBrowserString();
    m_qrPanel->setLinks(browserLinks);
    onBansChanged(status.bans);
    m_moderationLog->clear();
    addModeration(status.recentModeration);
    m_clientModel->clear();
    updateClientCount(0);
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
        m_stateLabel->setText(tr("Listening on port %1").arg(m_controller->status().port));
        break;
    case ServerController::State::Stopping:
        m_stateLabel->setText(tr("Stopping…"));
        break;
    }
    const bool running = state == ServerController::State::Running;
    m_announceButton->setEnabled(running);
    m_chatButton->setEnabled(running);
    m_startAction->setEnabled(state == ServerController::State::Stopped);
    m_stopAction->setEnabled(running);
    m_restartAction->setEnabled(running || state == ServerController::State::Stopped);
    updateSelectionActions();
    updateAnnouncement();
}

void HostWindow::setPublisher(AvahiPublisher *publisher, bool enabled)
{
    if (m_publisher)
        m_publisher->disconnect(this);
    m_publisher = publisher;
    m_announce = enabled;
    if (m_publisher)
        connect(m_publisher, &AvahiPublisher::stateChanged, this, &HostWindow::updateAnnouncement);
    updateAnnouncement();
}

QString HostWindow::announcementText() const
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

void HostWindow::updateAnnouncement()
{
    if (!m_announceLabel)
        return;
    const QString text = announcementText();
    m_announceLabel->setText(text);
    m_announceLabel->setToolTip(
        m_publisher && m_publisher->state() == AvahiPublisher::State::Established
            ? tr("Announced with DNS-SD as _lanchat._tcp and _http._tcp; the join dialog and "
                 "phones' service browsers list it. The token is not announced.")
            : QString());
}

void HostWindow::onActivity(const ServerActivity &activity)
{
    if (!activity.events.isEmpty()) {
        const QScrollBar *bar = m_liveView->verticalScrollBar();
        const bool atBottom = bar->value() >= bar->maximum();
        m_liveModel->appendEvents(activity.events);
        if (atBottom)
            m_liveView->scrollToBottom();

        int messages = 0;
        const ChatEvent *last = nullptr;
        for (const ChatEvent &event : activity.events) {
            if (event.kind == ChatEvent::Kind::Message && !event.fromOperator) {
                ++messages;
                last = &event;
            }
        }
        m_messagesSinceTick += quint64(messages);
        if (messages > 0 && (!isVisible() || isMinimized())) {
            m_unread += messages;
            updateUnread();
            // At most one notification every few seconds, however fast messages come.
            if (last && (!m_lastNotification.isValid() || m_lastNotification.hasExpired(5000))) {
                m_lastNotification.start();
                m_notifier->notify(u"live"_s, last->username, last->text);
            }
        }
    }
    if (!activity.updatedClients.isEmpty() || !activity.removedClients.isEmpty()) {
        m_clientModel->applyChanges(activity.updatedClients, activity.removedClients);
        updateSelectionActions();
    }
    if (!activity.moderation.isEmpty())
        addModeration(activity.moderation);
    updateClientCount(activity.clientCount);
}

void HostWindow::updateClientCount(int count)
{
    m_clientsLabel->setText(count == 0 ? tr("No one connected")
                                       : tr("%n connected", nullptr, count));
}

void HostWindow::updateRate()
{
    const qint64 elapsed = std::max<qint64>(1, m_rateClock.restart());
    m_rate = double(m_messagesSinceTick) * 1000.0 / double(elapsed);
    m_messagesSinceTick = 0;
    m_rateLabel->setText(tr("%1 messages/s").arg(QLocale().toString(m_rate, 'f', 0)));
    m_clientModel->refreshMuted();
}

void HostWindow::onBansChanged(const QList<BanInfo> &bans)
{
    m_banList->clear();
    QList<QTreeWidgetItem *> items;
    items.reserve(bans.size());
    for (const BanInfo &ban : bans) {
        auto *item
            = new QTreeWidgetItem({ban.username.isEmpty() ? tr("(any)") : ban.username,
                                   ban.address.isEmpty() ? tr("(any)") : ban.address,
                                   ban.isPermanent() ? tr("permanent") : shortTime(ban.untilMs),
                                   ban.reason, ban.createdBy, shortTime(ban.createdMs)});
        item->setData(0, Qt::UserRole, ban.id);
        items << item;
    }
    m_banList->addTopLevelItems(items);
    m_rightTabs->setTabText(1, bans.isEmpty() ? tr("&Bans") : tr("&Bans (%1)").arg(bans.size()));
    updateSelectionActions();
}

void HostWindow::addModeration(const QList<ModerationRecord> &records)
{
    // Newest on top.
    QList<QTreeWidgetItem *> items;
    items.reserve(records.size());
    for (auto it = records.crbegin(); it != records.crend(); ++it) {
        items << new QTreeWidgetItem({shortTime(it->timestampMs), it->actor, actionText(it->action),
                                      it->target, it->reason, it->detail});
    }
    m_moderationLog->insertTopLevelItems(0, items);
    while (m_moderationLog->topLevelItemCount() > MaxModerationRows)
        delete m_moderationLog->takeTopLevelItem(m_moderationLog->topLevelItemCount() - 1);
}

ClientInfo HostWindow::selectedClient() const
{
    const QModelIndexList rows = m_clientView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_clientModel->client(m_clientProxy->mapToSource(rows.first()).row());
}

void HostWindow::updateSelectionActions()
{
    const bool running = m_controller->isRunning();
    const ClientInfo client = selectedClient();
    const bool selected = running && client.id != 0;
    m_kickAction->setEnabled(selected);
    m_banAction->setEnabled(selected);
    m_muteAction->setEnabled(selected);
    m_unmuteAction->setEnabled(selected
                               && client.mutedUntilMs > QDateTime::currentMSecsSinceEpoch());
    m_unbanAction->setEnabled(running && !m_banList->selectedItems().isEmpty());
}

void HostWindow::kickSelected()
{
    const ClientInfo client = selectedClient();
    if (client.id == 0 || !m_controller->isRunning())
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"kickDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(SafeText::windowTitle(tr("Kick %1").arg(client.username)));
    dialog->setLabelText(tr("Reason (optional; everyone sees it):"));
    dialog->setOkButtonText(tr("&Kick"));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, id = client.id](const QString &reason) {
                m_controller->kick(id, reason.trimmed());
            });
    dialog->open();
}

void HostWindow::banSelected()
{
    const ClientInfo client = selectedClient();
    if (client.id == 0 || !m_controller->isRunning())
        return;
    auto *dialog = new BanDialog(client, this);
    dialog->setObjectName(u"banDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { m_controller->ban(dialog->request()); });
    dialog->open();
}

void HostWindow::muteSelected(qint64 seconds)
{
    const ClientInfo client = selectedClient();
    if (client.id != 0 && m_controller->isRunning())
        m_controller->mute(client.id, seconds, QString());
}

void HostWindow::unmuteSelected()
{
    const ClientInfo client = selectedClient();
    if (client.id != 0 && m_controller->isRunning())
        m_controller->unmute(client.id);
}

void HostWindow::unbanSelected()
{
    const QList<QTreeWidgetItem *> items = m_banList->selectedItems();
    if (items.isEmpty() || !m_controller->isRunning())
        return;
    for (const QTreeWidgetItem *item : items)
        m_controller->unban(item->data(0, Qt::UserRole).toLongLong());
}

void HostWindow::openSettings()
{
    SettingsDialog::Values defaults;
    defaults.port = m_config.port;
    const QHostAddress bind = m_config.bindAddress;
    defaults.bindAddress = bind == QHostAddress::Any ? QString() : bind.toString();
    defaults.token = m_status.token.isEmpty() ? m_config.token : m_status.token;
    defaults.dataDir = m_config.dataDir;
    defaults.maxHistoryMiB = historyLimitMiB(m_config);
    defaults.operatorName = m_operatorNameField->text();
    defaults.tls = m_config.tls;
    defaults.tlsCertificate = m_config.tlsCertificatePath;
    defaults.tlsKey = m_config.tlsKeyPath;
    defaults.serverName = m_config.serverName;
    defaults.announce = m_announce;
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
        m_operatorNameField->setText(values.operatorName);

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
    if (values.announce != m_announce) {
        m_announce = values.announce;
        updateAnnouncement();
        emit announceChanged(m_announce);
    }
    const bool changed
        = config.port != m_config.port || config.bindAddress != m_config.bindAddress
          || config.token != (m_status.token.isEmpty() ? m_config.token : m_status.token)
          || config.dataDir != m_config.dataDir || config.operatorName != m_config.operatorName
          || config.tls != m_config.tls || config.tlsCertificatePath != m_config.tlsCertificatePath
          || config.tlsKeyPath != m_config.tlsKeyPath
          || config.maxHistoryBytes != m_config.maxHistoryBytes
          || config.serverName != m_config.serverName;
    m_config = config;
    if (changed && m_controller->state() != ServerController::State::Stopped) {
        statusBar()->showMessage(tr("Restarting the server with the new settings…"));
        m_controller->restart(m_config);
    }
}

void HostWindow::startServer()
{
    if (m_controller->state() == ServerController::State::Stopped)
        m_controller->start(m_config);
}

void HostWindow::restartServer()
{
    m_controller->restart(m_config);
}

void HostWindow::sendAnnouncement()
{
    const QString text = m_announcementField->text();
    if (text.trimmed().isEmpty() || !m_controller->isRunning())
        return;
    m_controller->announce(text);
    m_announcementField->clear();
}

void HostWindow::sendChat()
{
    const QString text = m_chatField->text();
    QString name = m_operatorNameField->text().trimmed();
    if (name.isEmpty())
        name = m_config.operatorName;
    if (text.trimmed().isEmpty() || !m_controller->isRunning())
        return;
    m_controller->postMessage(name, text);
    m_chatField->clear();
}

void HostWindow::copyInvite()
{
    if (m_status.port == 0)
        return;
    QApplication::clipboard()->setText(inviteText());
    statusBar()->showMessage(tr("Invite copied to the clipboard."), 4000);
}

void HostWindow::updateUnread()
{
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
