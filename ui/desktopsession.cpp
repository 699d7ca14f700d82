#include "desktopsession.h"

#include "certificatepins.h"
#include "chatclient.h"
#include "chatwindow.h"
#include "invitelink.h"
#include "joindialog.h"
#include "recentservers.h"
#include "usernamerules.h"

#include <QSettings>

#include <algorithm>
#include <utility>

DesktopSession::DesktopSession(QObject *parent) : QObject(parent) { }

DesktopSession::~DesktopSession()
{
    delete m_joinDialog;
    const QList<Chat> chats = std::exchange(m_chats, {});
    for (const Chat &chat : chats) {
        delete chat.window; // before its client
        delete chat.client;
    }
}

void DesktopSession::setHostWindow(QWidget *window)
{
    m_host = window;
}

void DesktopSession::setStartDialog(QDialog *dialog)
{
    m_startDialog = dialog;
}

QString DesktopSession::takePendingInvite()
{
    return std::exchange(m_pendingInvite, QString());
}

JoinDialog *DesktopSession::joinDialog() const
{
    return m_joinDialog;
}

QList<ChatWindow *> DesktopSession::chatWindows() const
{
    QList<ChatWindow *> windows;
    for (const Chat &chat : m_chats) {
        if (chat.window)
            windows << chat.window;
    }
    return windows;
}

bool DesktopSession::joinAtStart(const QString &invite, JoinStart mode)
{
    const InviteLink link = invite.isEmpty() ? InviteLink() : InviteLink::parse(invite);
    JoinDialog dialog;
    dialog.setConnectsFirst(true);
    m_joinDialog = &dialog;
    if (link.isValid() && link.hasUsername() && mode == JoinStart::ConnectWhenComplete) {
        // A complete invite connects straight away (the dialog shows it connecting, and what
        // went wrong if it fails); its fingerprint is pinned like one the user confirmed in
        // the join dialog, and without one the stored pin applies.
        ServerEndpoint endpoint = link.endpoint();
        QSettings settings;
        if (!endpoint.fingerprint.isEmpty())
            CertificatePins::pin(settings, endpoint.host, endpoint.port, endpoint.fingerprint);
        CertificatePins::applyStored(settings, &endpoint);
        dialog.setEndpoint(endpoint);
        dialog.accept();
    } else if (link.isValid()) {
        dialog.applyInvite(invite);
    } else if (!invite.isEmpty()) {
        dialog.setProblem(link.errorString());
    }
    if (dialog.exec() != QDialog::Accepted)
        return false;
    openChat(dialog.takeClient());
    return true;
}

void DesktopSession::handle(const HandOverMessage &message)
{
    if (message.action == HandOverMessage::Action::Activate) {
        activate();
        return;
    }
    if (m_startDialog) {
        // Someone clicked an invite while LanChat asks whether to host or join: join.
        m_pendingInvite = message.invite;
        m_startDialog->reject();
        return;
    }
    if (m_joinDialog) {
        m_joinDialog->applyInvite(message.invite);
        bringToFront(m_joinDialog);
        return;
    }
    if (ChatWindow *chat = chatFor(message.invite)) {
        bringToFront(chat);
        return;
    }
    offerJoin(message.invite);
}

ChatWindow *DesktopSession::openChat(ChatClient *client)
{
    auto *window = new ChatWindow(client);
    window->setAttribute(Qt::WA_DeleteOnClose);
    // Beside the host window, closing a chat must not end the process that hosts.
    window->setAttribute(Qt::WA_QuitOnClose, !m_host);
    connect(window, &QObject::destroyed, this, [this, client] {
        const auto it = std::find_if(m_chats.begin(), m_chats.end(),
                                     [client](const Chat &chat) { return chat.client == client; });
        if (it != m_chats.end())
            m_chats.erase(it);
        client->deleteLater();
    });
    connect(client, &ChatClient::synced, window, [client] {
        // Remembered without the token unless the user asked for it in the join dialog.
        QSettings settings;
        const QList<ServerEndpoint> recent = RecentServers::load(settings);
        const ServerEndpoint current = client->endpoint();
        const bool tokenKept
            = std::any_of(recent.cbegin(), recent.cend(), [&](const ServerEndpoint &e) {
                  return e.host == current.host && e.port == current.port && !e.token.isEmpty()
                         && e.username == current.username;
              });
        RecentServers::remember(settings, current, tokenKept);
    });
    m_chats.append({window, client});
    window->show();
    return window;
}

ChatWindow *DesktopSession::chatFor(const QString &invite) const
{
    const InviteLink link = InviteLink::parse(invite);
    for (const Chat &chat : m_chats) {
        const ServerEndpoint endpoint = chat.client->endpoint();
        if (chat.window && endpoint.host.compare(link.host(), Qt::CaseInsensitive) == 0
            && endpoint.port == link.port()
            && (!link.hasUsername()
                || UsernameRules::comparisonKey(endpoint.username.trimmed())
                       == UsernameRules::comparisonKey(link.username().trimmed())))
            return chat.window;
    }
    return nullptr;
}

void DesktopSession::offerJoin(const QString &invite)
{
    auto *dialog = new JoinDialog(m_host); // beside the host window, if there is one
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAttribute(Qt::WA_QuitOnClose, false);
    dialog->setConnectsFirst(true);
    dialog->applyInvite(invite);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openChat(dialog->takeClient()); });
    m_joinDialog = dialog;
    bringToFront(dialog);
}

void DesktopSession::activate()
{
    if (m_startDialog)
        bringToFront(m_startDialog);
    else if (m_joinDialog)
        bringToFront(m_joinDialog);
    else if (m_host)
        bringToFront(m_host);
    else if (const QList<ChatWindow *> chats = chatWindows(); !chats.isEmpty())
        bringToFront(chats.constLast());
}

void DesktopSession::bringToFront(QWidget *window)
{
    if (window->isMinimized() || window->isHidden())
        window->showNormal();
    window->raise();
    window->activateWindow();
}

#include "moc_desktopsession.cpp"
