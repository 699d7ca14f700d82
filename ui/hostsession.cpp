#include "hostsession.h"

#include "chatclient.h"
#include "chatname.h"
#include "chatwindow.h"
#include "clientidentity.h"
#include "hostwindow.h"
#include "servercontroller.h"

#include <QSettings>

using namespace Qt::StringLiterals;

HostSession::HostSession(ServerController *controller, QObject *parent)
    : QObject(parent), m_controller(controller), m_client(new ChatClient(this))
{
    ServerEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    QSettings settings;
    endpoint.username = ChatName::load(settings);
    m_client->setIdentity(ClientIdentity::ensure(settings));
    m_client->setEndpoint(endpoint);
    m_console = new HostWindow(controller);
    m_window = new ChatWindow(m_client);
    m_window->setOperatorConsole(m_console); // the dock owns the console from here on
    connect(controller, &ServerController::started, this, &HostSession::connectOwnClient);
    connect(m_console, &HostWindow::settingsApplied, this, [this] {
        if (ChatName::load(QSettings()) != m_client->endpoint().username
            && m_controller->isRunning())
            connectOwnClient();
    });
}

HostSession::~HostSession()
{
    delete m_window;
}

ServerEndpoint HostSession::ownEndpoint(const ServerStatus &status, const QString &operatorKey,
                                        const QString &username)
{
    ServerEndpoint endpoint;
    // Loopback, unless the server listens on one address only.
    const QHostAddress bind = status.bindAddress;
    const bool anyAddress = bind.isNull() || bind == QHostAddress::Any
                            || bind == QHostAddress::AnyIPv4 || bind == QHostAddress::AnyIPv6;
    endpoint.host = anyAddress ? u"127.0.0.1"_s : bind.toString();
    endpoint.port = status.port;
    endpoint.token = operatorKey;
    endpoint.username = username;
    endpoint.tls = status.tls;
    endpoint.fingerprint = status.certificateFingerprint; // its own certificate, pinned
    return endpoint;
}

void HostSession::connectOwnClient()
{
    const ServerEndpoint endpoint = ownEndpoint(m_controller->status(), m_controller->operatorKey(),
                                                ChatName::load(QSettings()));
    m_client->disconnectFromServer();
    m_client->setEndpoint(endpoint);
    m_client->connectToServer();
}

#include "moc_hostsession.cpp"
