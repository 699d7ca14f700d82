// Lives in the thread of its owner (the ChatClient's). One attempt at a chat connection
// (docs/PROTOCOL.md): the WebSocket, its handshake and the wait for the welcome, the keepalive
// pings, and the TLS pin check. It reports what happened as facts; ChatClient decides what they
// mean for the user and whether to try again.
#pragma once

#include "certificatepins.h"
#include "protocol.h"
#include "serverendpoint.h"

#include <QAbstractSocket>
#include <QJsonObject>
#include <QObject>
#include <QString>

class QTimer;
class QWebSocket;

class ClientConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientConnection)

public:
    // How a connection ended, as far as the client can tell.
    struct Ending
    {
        quint16 closeCode = 0;
        QString closeReason;
        QString errorText; // the socket's error, empty for a close
        // What the socket failed with (UnknownSocketError: nothing; ConnectionRefusedError
        // also for a refused upgrade, whose status is in errorText; HostNotFoundError also for
        // a host that is not a valid name).
        QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError;
        bool upgradeRefused = false; // an HTTP answer other than the upgrade (errorText: which)
        QString refusalCode; // the error frame that came before the welcome, if any
        QString refusalMessage;
        std::optional<Protocol::Sanction> refusalSanction; // a ban's `until` and `reason`
        bool kicked = false; // a `kicked` frame came
        QString kickReason;
    };

    explicit ClientConnection(QObject *parent = nullptr);
    // Closes an open connection normally.
    ~ClientConnection() override;

    void setPingInterval(int ms);
    // Drops any connection and opens a new one to the endpoint's /ws; connectTimedOut() follows
    // when no welcome came within timeoutMs.
    void open(const ServerEndpoint &endpoint, int timeoutMs);
    // Drops the connection at once, without any signal.
    void abort();
    bool isOpen() const { return m_socket != nullptr; }
    bool isWelcomed() const { return m_welcomed; }
    void send(const QByteArray &frame);

signals:
    // The welcome frame: the chat session has begun and pings run from here on.
    void welcomed(const QJsonObject &frame);
    // An event after the welcome, or an error frame that is not the refusal of the connection.
    void frameReceived(const QJsonObject &frame);
    void ended(const ClientConnection::Ending &ending);
    void connectTimedOut();
    void pongMissing();
    // The pin check failed (not Accept): the connection is of no use. errors: the TLS errors
    // when the verdict is Invalid.
    void certificateRejected(CertificatePins::Verdict verdict, const QString &presentedFingerprint,
                             const QString &errors);

private:
    void onTextMessage(const QString &text);
    void onPingTimer();

    QWebSocket *m_socket = nullptr;
    QTimer *m_connectTimer;
    QTimer *m_pingTimer;
    ServerEndpoint m_endpoint;
    Ending m_ending; // what this connection told before it ended
    bool m_welcomed = false;
    bool m_awaitingPong = false;
};
