#include "hostedchat.h"

#include "chatclient.h"
#include "chatwindow.h"
#include "hostsession.h"
#include "hostwindow.h"
#include "lanchatsettings.h"

#include <QApplication>
#include <QDockWidget>
#include <QSettings>
#include <QTest>

HostedChat::HostedChat(TestServer &server) : m_server(server)
{
    QSettings settings;
    Settings::UiChatName.setValue(settings, QString::fromLatin1(HostName));
    Settings::UiOperatorToolsVisible.setValue(settings, true);
    m_session = std::make_unique<HostSession>(&server.controller());
    m_session->console()->setServerConfig(server.config());
}

HostedChat::~HostedChat() = default;

ChatWindow &HostedChat::window()
{
    return *m_session->window();
}

HostWindow &HostedChat::console()
{
    return *m_session->console();
}

bool HostedChat::start()
{
    return m_server.start()
           && QTest::qWaitFor([this] { return m_session->client()->isSynced(); }, 10000);
}

bool HostedChat::show()
{
    window().show();
    return QTest::qWaitForWindowExposed(&window()) && window().operatorDock()->isVisible();
}

bool HostedChat::activate()
{
    if (!show())
        return false;
    QApplication::setActiveWindow(&window());
    return QTest::qWaitForWindowActive(&window());
}
