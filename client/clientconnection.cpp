#include "clientconnection.h"

#include "protocolconstants.h"

#include <QJsonDocument>
#include <QNetworkProxy>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace {
QString encoded(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}
} // namespace

ClientConnection::ClientConnection(QObject *parent)
    : QObject(parent), m_connectTimer(new QTimer(this)), m_pingTimer(new QTimer(this))
{
    m_connectTimer->setSingleShot(true);
    connect(m_connectTimer, &QTimer::timeout, this, &ClientConnection::connectTimedOut);
    connect(m_pingTimer, &QTimer::timeout, this, &ClientConnection::onPingTimer);
}

ClientConnection::~ClientConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
    }
}

void ClientConnection::setPingInterval(int ms)
{
    m_pingTimer->setInterval(ms);
}

void ClientConnection::open(const ServerEndpoint &endpoint, int timeoutMs)
{
    abort();
    m_endpoint = endpoint;
    m_ending = {};
    m_welcomed = false;

    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    socket->setProxy(QNetworkProxy::NoProxy);
    m_socket = socket;
    // Qt reports a refused or unresolved connection with disconnected() before error(), and a
    // refused upgrade with error() alone: whichever comes first ends it.
    const auto gone = [this, socket](QAbstractSocket::SocketError error) {
        if (socket != m_socket)
            return;
        Ending ending = m_ending;
        ending.closeCode = quint16(socket->closeCode());
        ending.closeReason = socket->closeReason();
        if (error != QAbstractSocket::UnknownSocketError) {
            ending.socketError = error;
            ending.errorText = socket->errorString();
        }
        emit ended(ending);
    };
    connect(socket, &QWebSocket::textMessageReceived, this, &ClientConnection::onTextMessage);
    connect(socket, &QWebSocket::disconnected, this, [gone, socket] {
        // A failed connect (refused, not found, TLS) comes here first: the socket says why.
        const QAbstractSocket::SocketError error = socket->error();
        gone(error == QAbstractSocket::RemoteHostClosedError ? QAbstractSocket::UnknownSocketError
                                                             : error);
    });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, gone, socket](QAbstractSocket::SocketError error) {
                // A refused upgrade is a "refused connection" to QWebSocket, but its TCP socket
                // has no error: something answered HTTP, just not with an upgrade.
                const bool upgradeRefused
                    = error == QAbstractSocket::ConnectionRefusedError && socket->error() != error;
                m_ending.upgradeRefused = upgradeRefused;
                gone(error);
            });
    connect(socket, &QWebSocket::pong, this, [this] { m_awaitingPong = false; });
    if (endpoint.tls) {
        socket->setSslConfiguration(CertificatePins::clientConfiguration());
        connect(socket, &QWebSocket::sslErrors, this,
                [this, socket](const QList<QSslError> &errors) {
                    if (socket != m_socket)
                        return;
                    const QSslCertificate peer = socket->sslConfiguration().peerCertificate();
                    const CertificatePins::Verdict verdict
                        = CertificatePins::check(errors, peer, m_endpoint.fingerprint);
                    if (verdict == CertificatePins::Verdict::Accept) {
                        socket->ignoreSslErrors(errors); // exactly these, after the pin matched
                        return;
                    }
                    QStringList reasons;
                    for (const QSslError &error : errors)
                        reasons << error.errorString();
                    emit certificateRejected(verdict, CertificatePins::fingerprintOf(peer),
                                             reasons.join(u"; "_s));
                });
    }

    QUrl url;
    url.setScheme(endpoint.tls ? u"wss"_s : u"ws"_s);
    url.setHost(endpoint.host);
    url.setPort(endpoint.port);
    url.setPath(u"/ws"_s);
    QString query
        = u"token="_s + encoded(endpoint.token) + u"&username="_s + encoded(endpoint.username);
    if (!endpoint.identity.isEmpty())
        query += u"&identity="_s + encoded(endpoint.identity);
    url.setQuery(query);
    m_connectTimer->start(timeoutMs);
    if (!url.isValid()) {
        // Not a host name at all ("a..b"): Qt would call it a refused connection.
        QTimer::singleShot(0, socket, [gone] { gone(QAbstractSocket::HostNotFoundError); });
        return;
    }
    socket->open(url);
}

void ClientConnection::abort()
{
    m_connectTimer->stop();
    m_pingTimer->stop();
    m_welcomed = false;
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void ClientConnection::send(const QByteArray &frame)
{
    if (m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(frame));
}

void ClientConnection::onTextMessage(const QString &text)
{
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value("type"_L1).toString();
    if (type == "welcome"_L1) {
        m_connectTimer->stop();
        m_welcomed = true;
        m_awaitingPong = false;
        m_pingTimer->start();
        emit welcomed(frame);
    } else if (type == "kicked"_L1) {
        m_ending.kicked = true;
        m_ending.kickReason = frame.value("reason"_L1).toString();
    } else if (type == "error"_L1) {
        // Refusals come as one error frame without a cid, followed by the close.
        if (!m_welcomed && frame.value("cid"_L1).toString().isEmpty()) {
            m_ending.refusalCode = frame.value("code"_L1).toString();
            m_ending.refusalMessage = frame.value("message"_L1).toString();
            m_ending.refusalSanction = Protocol::sanctionFromJson(frame);
            return;
        }
        emit frameReceived(frame);
    } else if (m_welcomed) {
        emit frameReceived(frame);
    }
}

void ClientConnection::onPingTimer()
{
    if (!m_socket)
        return;
    if (m_awaitingPong) {
        emit pongMissing();
        return;
    }
    m_awaitingPong = true;
    m_socket->ping();
}

#include "moc_clientconnection.cpp"
