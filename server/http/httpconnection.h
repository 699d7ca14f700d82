// Lives in the server thread, a child of its socket. One HTTP/1.1 connection (docs/PROTOCOL.md,
// "HTTP"): reads one request at a time within the limits (head 64 KiB, body 1 MiB, a deadline per
// request, an idle limit between requests), answers it through the HttpService, keeps the
// connection or closes it as the request asks, and hands a WebSocket handshake on with its bytes
// still unread in the socket. While the unsent output is above a small cap it reads no further
// request, and the socket's read buffer is bounded too, so a peer that pipelines requests and
// never reads is held back by TCP itself.
#pragma once

#include "chunkeddecoder.h"
#include "httpmessage.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QObject>

#include <optional>

class HttpService;
class QSslSocket;
class QTcpSocket;
class QTimer;

class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    struct Limits
    {
        int requestTimeoutMs = 10'000; // a request, head and body, from its first byte
        int idleTimeoutMs = 15'000; // between requests, and without progress on the output
        qint64 maxBodyBytes = 1024 * 1024;
    };

    // Unsent output (plaintext and, over TLS, ciphertext) above which no request is read.
    static constexpr qint64 MaxPendingOutput = 64 * 1024;
    // What Qt reads ahead from the kernel: a whole head fits, and no more.
    static constexpr qint64 ReadBufferBytes = 128 * 1024;
    // After a response that ends the connection, what the peer still sends is read and dropped
    // (a lingering close, like nginx's lingering_close): a close with input unread makes the
    // kernel send a reset, on which the peer's kernel may discard the response before it is read.
    // The lingering ends when the peer closes, after LingeringClose::QuietMs without input, or at
    // LingeringClose::DeadlineMs (the WebSocket connections' timings).

    // firstRequest: the deadline of the connection's first request, running since the accept.
    // tlsRequired: TLS is on and this connection is plaintext: every request is answered with a
    // redirect to https:// (or 403 for a WebSocket handshake) and the connection closed.
    HttpConnection(QTcpSocket *socket, HttpService *service, const Limits &limits,
                   QDeadlineTimer firstRequest, bool tlsRequired);
    ~HttpConnection() override;

signals:
    // A WebSocket handshake that passed its checks, for one of the WebSocket paths. Its bytes are
    // unread in the socket, which no longer belongs to this object (deleted right after).
    // hostAllowed: the Host names this server; the chat side closes the connection otherwise.
    void webSocketUpgrade(QTcpSocket *socket, bool hostAllowed);

private:
    enum class Phase : quint8 {
        Idle, // between requests: nothing of the next one has arrived
        Head, // part of a request head has arrived
        Body, // reading (and dropping) the body of a request that passed its checks
        Closing, // the last response is going out; what the peer sends is dropped
        Done, // handed over, or closed
    };

    void process();
    bool readHead();
    bool readBody();
    bool beginRequest(HttpRequest request);
    bool handOver(const HttpRequest &request, qsizetype headLength);
    bool dispatch();
    void send(const HttpResponse &response, const HttpRequestParser::RequestHead *head);
    void refuse(int status, const QByteArray &message,
                const HttpRequestParser::RequestHead *head = nullptr);
    void closeAfterOutput();
    void startLinger();
    void endLinger();
    void dropInput();
    void onBytesWritten();
    void onTimeout();
    void arm(qint64 milliseconds);
    qint64 pendingOutput() const;
    HttpRequest requestFor(HttpRequestParser::RequestHead head) const;

    QTcpSocket *m_socket;
    QSslSocket *m_tls; // m_socket, when encrypted
    HttpService *m_service;
    Limits m_limits;
    bool m_tlsRequired;
    QTimer *m_timer;
    Phase m_phase = Phase::Idle;
    bool m_firstRequest = true;
    bool m_waitingForOutput = false;
    bool m_lingering = false;
    bool m_requestRead = false; // the current request, head and body, has been read to its end
    bool m_timedOut = false; // the connection ends because a request did not arrive in time
    bool m_peerMaySend = true; // when the last response was queued
    QDeadlineTimer m_lingerDeadline;
    QElapsedTimer m_sinceInput; // while lingering
    QByteArray m_received; // of the head being read (inside a read transaction of the socket)
    HttpRequest m_request; // whose body is being read
    qint64 m_bodyRemaining = 0;
    std::optional<ChunkedDecoder> m_chunked;
};
