// The "ceiling probe" of bench/run-fanout: the smallest Qt broadcast server in LanChat's protocol
// shape, showing what Qt 6.4 itself allows on this machine. No authentication, no storage, no
// GUI, no limits: ws://127.0.0.1:PORT/ws?username=NAME, each {"text": ...} is broadcast to every
// client (the sender's own copy included) as {"username": ..., "text": ...} with
// QWebSocket::sendTextMessage, the idiomatic Qt way. Accepted sockets get LowDelayOption
// (TCP_NODELAY): a QTcpServer sets it and hands the socket to QWebSocketServer::handleConnection.
// Usage: lanchat-ceilingprobe [--port 0]; prints "listening on http://127.0.0.1:PORT".
#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    quint16 port = 0;
    const QStringList args = app.arguments();
    const auto portAt = args.indexOf(u"--port"_s);
    if (portAt >= 0 && portAt + 1 < args.size())
        port = args.at(portAt + 1).toUShort();

    QWebSocketServer websockets(u"ceilingprobe"_s, QWebSocketServer::NonSecureMode);
    websockets.setMaxPendingConnections(100000);
    QTcpServer tcp;
    tcp.setMaxPendingConnections(100000);
    QList<QWebSocket *> clients;

    QObject::connect(&tcp, &QTcpServer::newConnection, &tcp, [&] {
        while (QTcpSocket *socket = tcp.nextPendingConnection()) {
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            websockets.handleConnection(socket);
        }
    });
    QObject::connect(&websockets, &QWebSocketServer::newConnection, &websockets, [&] {
        while (QWebSocket *client = websockets.nextPendingConnection()) {
            const QString username
                = QUrlQuery(client->requestUrl()).queryItemValue(u"username"_s, QUrl::FullyDecoded);
            clients.append(client);
            QObject::connect(
                client, &QWebSocket::textMessageReceived, client,
                [&clients, username](const QString &message) {
                    const QJsonObject in = QJsonDocument::fromJson(message.toUtf8()).object();
                    const QJsonValue text = in.value(u"text"_s);
                    if (!text.isString())
                        return;
                    const QString out = QString::fromUtf8(
                        QJsonDocument(QJsonObject {{u"username"_s, username}, {u"text"_s, text}})
                            .toJson(QJsonDocument::Compact));
                    for (QWebSocket *peer : std::as_const(clients))
                        peer->sendTextMessage(out);
                });
            QObject::connect(client, &QWebSocket::disconnected, client, [&clients, client] {
                clients.removeOne(client);
                client->deleteLater();
            });
        }
    });

    if (!tcp.listen(QHostAddress::LocalHost, port)) {
        std::fprintf(stderr, "listen failed: %s\n", qPrintable(tcp.errorString()));
        return 1;
    }
    std::printf("listening on http://127.0.0.1:%u\n", unsigned(tcp.serverPort()));
    std::fflush(stdout);

    if (::pipe(signalPipe) != 0)
        return 1;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    QSocketNotifier stop(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&stop, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    return app.exec();
}
