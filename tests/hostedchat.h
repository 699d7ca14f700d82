// Lives in the test's main thread. A host as the app opens it: a real server (TestServer) and
// HostSession, the host's chat window with the operator console in its "Operator tools" dock and
// the host's own client, which joins at every start. The console is configured with the
// server's configuration, as app/main.cpp does with the command line's.
#pragma once

#include "testsupport.h"

class ChatWindow;
class HostSession;
class HostWindow;

class HostedChat final
{
public:
    // The host's own client joins under this name (the chat name in the settings).
    static constexpr auto HostName = "zz-host";

    explicit HostedChat(TestServer &server);
    ~HostedChat();
    Q_DISABLE_COPY_MOVE(HostedChat)

    // Starts the server and waits until the host's own client has joined.
    bool start();
    // Shows the chat window with the operator tools, the dock at its default width.
    bool show();
    // show(), and makes it the active window (shortcuts need one, as on a desktop).
    bool activate();

    HostSession &session() { return *m_session; }
    ChatWindow &window();
    HostWindow &console();

private:
    TestServer &m_server;
    std::unique_ptr<HostSession> m_session;
};
