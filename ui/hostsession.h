// Lives in the GUI thread. What hosting opens: the host's own ChatClient, connected over loopback
// to the server ServerController runs (its actual port, TLS with the server's own certificate
// pinned, the operator key in the token's place, the name from ChatName), and the ChatWindow
// that shows it with the operator console (HostWindow) as its operator tools. The
// client follows the server: it connects at every start, and again under a new name when the
// settings change it.
#pragma once

#include "chattypes.h"
#include "serverendpoint.h"

#include <QObject>

class ChatClient;
class ChatWindow;
class HostWindow;
class ServerController;

class HostSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostSession)

public:
    explicit HostSession(ServerController *controller, QObject *parent = nullptr);
    // Closes the window before its client.
    ~HostSession() override;

    ChatWindow *window() const { return m_window; }
    HostWindow *console() const { return m_console; }
    ChatClient *client() const { return m_client; }

    // Where the host's client connects for a server with that status (any thread's value).
    static ServerEndpoint ownEndpoint(const ServerStatus &status, const QString &operatorKey,
                                      const QString &username);

private:
    void connectOwnClient();

    ServerController *m_controller;
    ChatClient *m_client = nullptr;
    HostWindow *m_console = nullptr;
    ChatWindow *m_window = nullptr;
};
