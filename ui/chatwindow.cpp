#include "chatwindow.h"

#include "chatcommand.h"
#include "chatinput.h"
#include "chatpreferencesmenu.h"
#include "chatview/chatview.h"
#include "chatview/emojitext.h"
#include "connectionbar.h"
#include "conversationactions.h"
#include "conversationpane.h"
#include "conversationsidebar.h"
#include "conversationstack.h"
#include "emojipicker/emojipicker.h"
#include "hostwindow.h"
#include "joindialog.h"
#include "lanchatsettings.h"
#include "messagelistmodel.h"
#include "mutenotice.h"
#include "safetext.h"
#include "shortcutsdialog.h"
#include "trustprompt.h"
#include "windownotifier.h"

#include <QApplication>
#include <QCloseEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
std::optional<bool> systemTrayOverride;
} // namespace

void ChatWindow::setSystemTrayAvailable(std::optional<bool> available)
{
    systemTrayOverride = available;
}

ChatWindow::ChatWindow(ChatClient *client, QWidget *parent) : QMainWindow(parent), m_client(client)
{
    resize(820, 600);
    fitIntoScreen();
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_connectionBar = new ConnectionBar(m_client, central);
    layout->addWidget(m_connectionBar);

    auto *splitter = new QSplitter(central);
    m_sidebar = new ConversationSidebar(splitter);
    m_stack = new ConversationStack(m_client, splitter);
    m_online = new OnlineList(m_client, splitter);
    splitter->addWidget(m_sidebar);
    splitter->addWidget(m_stack);
    splitter->addWidget(m_online);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 1);
    splitter->setSizes({150, 520, 150});
    layout->addWidget(splitter, 1);
    m_muteNotice = new MuteNotice(m_client, central);
    layout->addWidget(m_muteNotice);
    m_notice = new QLabel(central);
    m_notice->setObjectName(u"conversationNotice"_s);
    m_notice->setTextFormat(Qt::PlainText); // may quote the server's words
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(u"QLabel { color: #b00020; }"_s);
    m_notice->hide();
    layout->addWidget(m_notice);
    m_noticeTimer = new QTimer(this);
    m_noticeTimer->setSingleShot(true);
    m_noticeTimer->setInterval(NoticeShownMs);
    connect(m_noticeTimer, &QTimer::timeout, m_notice, &QLabel::hide);

    auto *inputRow = new QHBoxLayout;
    m_input = new ChatInput(central);
    auto *sendColumn = new QVBoxLayout;
    m_counter = new QLabel(central);
    m_counter->setTextFormat(Qt::PlainText);
    m_counter->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_sendButton = new QPushButton(tr("&Send"), central);
    m_sendButton->setObjectName(u"sendButton"_s);
    m_emojiButton = new QToolButton(central);
    m_emojiButton->setObjectName(u"emojiButton"_s);
    m_emojiButton->setToolTip(tr("Insert an emoji (Ctrl+.)"));
    m_emojiButton->setAccessibleName(tr("Insert an emoji"));
    if (const QString family = EmojiText::colorFontFamily(); !family.isEmpty()) {
        QFont emojiFont = m_emojiButton->font();
        emojiFont.setFamilies({family});
        emojiFont.setPointSizeF(emojiFont.pointSizeF() * 1.3);
        m_emojiButton->setFont(emojiFont);
        m_emojiButton->setText(u"🙂"_s);
    } else {
        m_emojiButton->setText(u"☺"_s);
    }
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_emojiButton);
    buttonRow->addWidget(m_sendButton);
    sendColumn->addStretch();
    sendColumn->addWidget(m_counter);
    sendColumn->addLayout(buttonRow);
    inputRow->addWidget(m_input, 1);
    inputRow->addLayout(sendColumn);
    layout->addLayout(inputRow);
    setCentralWidget(central);

    if (systemTrayOverride.value_or(QSystemTrayIcon::isSystemTrayAvailable())) {
        m_tray = new QSystemTrayIcon(this);
        QIcon icon = QApplication::windowIcon();
        if (icon.isNull())
            icon = style()->standardIcon(QStyle::SP_MessageBoxInformation);
        m_tray->setIcon(icon);
        m_tray->setToolTip(tr("LanChat"));
        connect(m_tray, &QSystemTrayIcon::activated, this, &ChatWindow::openConversation);
        // The way back from the tray, and out (asking while hosting for others).
        auto *trayMenu = new QMenu(this);
        trayMenu->setObjectName(u"trayMenu"_s);
        trayMenu->addAction(tr("&Show LanChat"), this, &ChatWindow::openConversation);
        trayMenu->addAction(tr("&Quit"), this, &ChatWindow::quit);
        m_tray->setContextMenu(trayMenu);
        m_tray->show();
    }
    m_notifier = new WindowNotifier(m_tray, this);
    connect(m_notifier, &WindowNotifier::clicked, this, &ChatWindow::openConversation);

    connect(m_connectionBar, &ConnectionBar::changeRequested, this, &ChatWindow::editConnection);
    connect(m_input, &ChatInput::submitted, this, &ChatWindow::sendCurrentText);
    connect(m_emojiButton, &QToolButton::clicked, this, &ChatWindow::showEmojiPicker);
    connect(m_sendButton, &QPushButton::clicked, this, &ChatWindow::sendCurrentText);
    connect(m_input, &QPlainTextEdit::textChanged, this, &ChatWindow::updateCounter);
    connect(m_input, &QPlainTextEdit::textChanged, this, [this] {
        const QString text = m_input->toPlainText();
        if (!text.trimmed().isEmpty() && !text.startsWith(u'/'))
            m_client->sendTyping(m_stack->currentId());
    });

    createMenus();
    m_conversationActions = new ConversationActions(m_client, m_stack, m_sidebar, m_online, this);
    menuBar()->insertMenu(m_viewMenu->menuAction(), m_conversationActions->menu());
    connect(m_conversationActions, &ConversationActions::notice, this, &ChatWindow::showNotice);
    connect(m_client, &ChatClient::requestRefused, this, &ChatWindow::showNotice);
    connect(m_client, &ChatClient::removedFromRoom, this,
            [this](const QString &room, bool deleted, const QString &reason) {
                showNotice(deleted ? tr("The operator deleted #%1.").arg(room)
                           : reason.isEmpty()
                               ? tr("The operator removed you from #%1.").arg(room)
                               : tr("The operator removed you from #%1: %2").arg(room, reason));
            });
    connect(m_sidebar, &ConversationSidebar::currentChanged, m_stack,
            &ConversationStack::setCurrent);
    connect(m_stack, &ConversationStack::currentChanged, this, &ChatWindow::onConversationShown);
    connect(m_stack, &ConversationStack::unreadChanged, this,
            [this](const ConversationId &id, int count, bool mentioned) {
                m_sidebar->setUnread(id, count, mentioned);
                updateTitle();
            });
    connect(m_stack, &ConversationStack::attentionNeeded, this, &ChatWindow::notify);
    const auto updateSidebar = [this] {
        m_sidebar->setConversations(m_client->conversations());
        m_sidebar->setCurrent(m_stack->currentId()); // it may have changed before the list did
    };
    connect(m_client, &ChatClient::conversationsChanged, this, updateSidebar);
    updateSidebar();
    onConversationShown(m_stack->currentId());

    connect(m_client, &ChatClient::stateChanged, this, &ChatWindow::onStateChanged);
    connect(m_client, &ChatClient::certificateUntrusted, this, &ChatWindow::askToTrust);
    connect(m_client, &ChatClient::muteChanged, this, &ChatWindow::updateCounter);
    connect(m_client, &ChatClient::synced, this, &ChatWindow::onStateChanged);

    onStateChanged();
    updateCounter();
    m_input->setFocus();
}

ChatWindow::~ChatWindow() = default;

QString ChatWindow::connectionText() const
{
    return m_connectionBar->text();
}

void ChatWindow::onStateChanged()
{
    m_connectionBar->update();
    if (m_client->state() == ChatClient::State::Connected)
        m_stack->setOwnUsername(m_client->username());
    updateTitle();
}

MessageListModel *ChatWindow::model() const
{
    return m_stack->currentPane()->model();
}

ChatView *ChatWindow::messageView() const
{
    return m_stack->currentPane()->view();
}

int ChatWindow::unreadCount() const
{
    return m_stack->totalUnread();
}

void ChatWindow::onConversationShown(const ConversationId &id)
{
    m_sidebar->setCurrent(id);
    m_online->setConversation(id);
    ChatView *view = messageView();
    if (!m_quoteConnected.contains(view)) {
        m_quoteConnected.insert(view);
        connect(view, &ChatView::quoteRequested, this, &ChatWindow::quote);
    }
    m_preferences->setTextSizeTargets({m_stack, m_input});
    updateTitle();
}

QString ChatWindow::noticeText() const
{
    return m_notice->isVisible() ? m_notice->text() : QString();
}

void ChatWindow::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->show();
    m_noticeTimer->start();
}

void ChatWindow::sendCurrentText()
{
    const QString text = m_input->toPlainText();
    if (text.trimmed().isEmpty())
        return;
    const ChatCommand command = ChatCommand::parse(text);
    if (command.kind != ChatCommand::Kind::Message) {
        if (m_conversationActions->run(command))
            m_input->clear();
        return;
    }
    if (m_client->isMuted())
        return; // while muted (the notice says so) the text waits in the input
    if (m_client->sendMessage(command.text, m_stack->currentId()).isEmpty())
        return; // too long: the counter says so
    m_input->clear();
    m_notice->hide();
    messageView()->clearUnreadMarker();
    messageView()->jumpToLatest();
}

void ChatWindow::quote(const QString &text)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines)
        line.prepend(u"> "_s);
    QTextCursor cursor = m_input->textCursor();
    if (!cursor.atBlockStart())
        cursor.insertText(u"\n"_s);
    cursor.insertText(lines.join(u'\n') + u'\n');
    m_input->setTextCursor(cursor);
    m_input->setFocus();
}

EmojiPicker *ChatWindow::emojiPicker()
{
    if (!m_emojiPicker) {
        m_emojiPicker = new EmojiPicker(this);
        connect(m_emojiPicker, &EmojiPicker::emojiChosen, this,
                [this](const QString &emoji) { m_input->insertPlainText(emoji); });
    }
    return m_emojiPicker;
}

void ChatWindow::showEmojiPicker()
{
    emojiPicker()->popUp(m_emojiButton);
}

void ChatWindow::createMenus()
{
    // A joiner's connection; the host's window gets the Server menu instead (OperatorTools).
    m_connectionMenu = menuBar()->addMenu(tr("&Connection"));
    m_connectionMenu->addAction(tr("&Change connection…"), this, &ChatWindow::editConnection);
    m_connectionMenu->addAction(tr("&Reconnect now"), m_connectionBar->retryButton(),
                                &QPushButton::click);
    m_connectionMenu->addSeparator();
    QAction *quit = m_connectionMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    view->addAction(tr("Jump to &latest message"), this, [this] { messageView()->jumpToLatest(); });
    QAction *emoji = view->addAction(tr("Insert &emoji…"), this, &ChatWindow::showEmojiPicker);
    emoji->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));

    m_preferences = new ChatPreferencesMenu(this);
    menuBar()->addMenu(m_preferences);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        auto *dialog = new ShortcutsDialog(this, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    shortcuts->setShortcuts(QKeySequence::HelpContents);
    help->addAction(tr("&About LanChat"), this, [this] {
        QMessageBox::about(this, tr("About LanChat"),
                           tr("LanChat %1\nChat on your local network, with or without a browser.")
                               .arg(QStringLiteral(LANCHAT_VERSION)));
    });
}

void ChatWindow::editConnection()
{
    JoinDialog dialog(this);
    dialog.setEndpoint(m_client->endpoint());
    dialog.setProblem(m_client->problemText(), JoinDialog::focusFor(m_client->problem()));
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_client->setEndpoint(dialog.endpoint());
    m_stack->setOwnUsername(dialog.endpoint().username);
    m_client->connectToServer();
}

void ChatWindow::askToTrust(const QString &fingerprint)
{
    if (m_trustPrompt)
        m_trustPrompt->deleteLater();
    auto *prompt = new TrustPrompt(m_client->endpoint(), fingerprint, this);
    connect(prompt, &TrustPrompt::trusted, this, [this](const QString &trustedFingerprint) {
        ServerEndpoint trusted = m_client->endpoint();
        trusted.fingerprint = trustedFingerprint;
        m_client->setEndpoint(trusted);
        m_client->connectToServer();
    });
    m_trustPrompt = prompt;
    prompt->open();
}

void ChatWindow::updateCounter()
{
    const int length = int(ChatClient::normalizedText(m_input->toPlainText()).size());
    const int limit = m_client->maxTextLength();
    m_counter->setVisible(length > limit - CounterThreshold);
    m_counter->setText(tr("%1 / %2").arg(QLocale().toString(length), QLocale().toString(limit)));
    m_counter->setStyleSheet(length > limit ? u"QLabel { color: #b00020; font-weight: bold; }"_s
                                            : QString());
    m_sendButton->setEnabled(length > 0 && length <= limit && !m_client->isMuted()
                             && !m_input->toPlainText().trimmed().isEmpty());
}

void ChatWindow::updateTitle()
{
    // The window system adds the application's name ("… — LanChat").
    const ServerEndpoint endpoint = m_client->endpoint();
    QString title = m_operatorTools ? tr("Hosting as %1").arg(endpoint.username)
                                    : tr("%1 @ %2").arg(endpoint.username, endpoint.authority());
    const ConversationId current = m_stack->currentId();
    if (!current.isGeneral())
        title = (current.isDirect() ? u"@"_s : u"#"_s) + current.name + u" – "_s + title;
    if (const int unread = unreadCount(); unread > 0)
        title = tr("(%1) %2").arg(unread).arg(title);
    if (m_tray)
        m_tray->setToolTip(unreadCount() > 0 ? tr("LanChat: %n unread", nullptr, unreadCount())
                                             : tr("LanChat"));
    setWindowTitle(SafeText::windowTitle(title));
}

void ChatWindow::notify(const ChatEntry &entry)
{
    const bool mention = ChatClient::mentions(entry.text, m_client->username());
    const ConversationId &where = entry.conversation;
    QString title = mention ? tr("%1 mentioned you").arg(entry.username) : entry.username;
    if (where.isDirect())
        title = tr("%1 (direct message)").arg(entry.username);
    else if (!where.isGeneral())
        title = tr("%1 in #%2").arg(title, where.name);
    m_notifiedConversation = where;
    // The taskbar entry asks for attention until the window is activated.
    QApplication::alert(this);
    if (!m_preferences->notificationsEnabled())
        return;
    // One notification per server: the next replaces it.
    m_notifier->notify(m_client->endpoint().authority(), title, entry.text,
                       m_preferences->soundEnabled());
}

void ChatWindow::openConversation()
{
    if (m_client->hasConversation(m_notifiedConversation))
        m_stack->setCurrent(std::exchange(m_notifiedConversation, {}));
    showNormal();
    raise();
    activateWindow();
    m_input->setFocus();
}

void ChatWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        m_stack->markCurrentRead();
}

void ChatWindow::fitIntoScreen()
{
    const QScreen *screen = this->screen();
    if (!screen)
        return;
    // Never larger than the screen's free area, with room for the window's frame.
    const QSize available = screen->availableGeometry().size() * 0.95;
    resize(size().boundedTo(available));
}

void ChatWindow::setOperatorConsole(HostWindow *console)
{
    Q_ASSERT(!m_operatorTools && console);
    m_operatorTools = new OperatorTools(console, this, m_viewMenu);
    m_connectionMenu->menuAction()->setVisible(false); // hidden actions take no shortcuts either
    m_connectionBar->setHosting(true);
    connect(m_operatorTools, &OperatorTools::stopConfirmed, this, [this] {
        m_closeConfirmed = true;
        close();
    });
    connect(m_operatorTools, &OperatorTools::keepRunningChosen, this, [this] {
        m_quitOnClose = false;
        hide();
        m_notifier->notify(u"hosting"_s, tr("LanChat is still hosting"),
                           tr("The chat goes on; open it again from the tray."));
    });
    connect(m_operatorTools, &OperatorTools::closeCancelled, this,
            [this] { m_quitOnClose = false; });
    m_online->setOperatorConsole(console);
    connect(console, &HostWindow::quitRequested, this, &ChatWindow::quit);

    resize(1180, 720);
    fitIntoScreen();
    onStateChanged();
}

QDockWidget *ChatWindow::operatorDock() const
{
    return m_operatorTools ? m_operatorTools->dock() : nullptr;
}

QAction *ChatWindow::operatorToolsAction() const
{
    return m_operatorTools ? m_operatorTools->toggleAction() : nullptr;
}

QMessageBox *ChatWindow::stopHostingPrompt() const
{
    return m_operatorTools ? m_operatorTools->stopHostingPrompt() : nullptr;
}

void ChatWindow::quit()
{
    m_quitOnClose = true;
    close();
}

void ChatWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_operatorTools && !m_dockSized) {
        // Once laid out: the chat keeps the larger part.
        m_dockSized = true;
        resizeDocks({m_operatorTools->dock()}, {width() * 2 / 5}, Qt::Horizontal);
    }
}

void ChatWindow::closeEvent(QCloseEvent *event)
{
    const bool trayShown = m_tray && m_tray->isVisible();
    if (m_operatorTools && !m_quitOnClose && !m_closeConfirmed && trayShown
        && Settings::UiCloseToTray.value(QSettings())) {
        hide(); // the operator chose to close to the tray: nobody is disconnected
        event->ignore();
        return;
    }
    if (m_operatorTools && !m_closeConfirmed && !m_operatorTools->mayClose(trayShown)) {
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
    if (m_quitOnClose)
        QCoreApplication::quit();
}

#include "moc_chatwindow.cpp"
