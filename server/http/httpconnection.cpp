#include "httpconnection.h"

#include "httpservice.h"
#include "lingeringclose.h"
#include "logging.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <limits>

#include <sys/socket.h>

using namespace Qt::StringLiterals;
using HttpRequestParser::HeadScan;
using HttpRequestParser::RequestHead;

namespace {

// What a head may take in memory before it is refused: the head itself and a little of what
// follows it (the scan needs to see the whole head). It is read in steps of HeadReadStep.
constexpr qsizetype HeadReadLimit = HttpRequestParser::MaxHeadBytes + 1024;
constexpr qint64 HeadReadStep = 4096;

QString describe(const RequestHead &head)
{
    const QByteArray line = HttpRequestParser::methodName(head.method) + ' ' + head.target;
    return LanChat::escapeForLog(QByteArrayView(line));
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpService *service, const Limits &limits,
                               QDeadlineTimer firstRequest, bool tlsRequired)
    : QObject(socket),
      m_socket(socket),
      m_tls(qobject_cast<QSslSocket *>(socket)),
      m_service(service),
      m_limits(limits),
      m_tlsRequired(tlsRequired),
      m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    socket->setReadBufferSize(ReadBufferBytes);
    connect(socket, &QIODevice::readyRead, this, &HttpConnection::process);
    connect(socket, &QIODevice::bytesWritten, this, &HttpConnection::onBytesWritten);
    if (m_tls)
        connect(m_tls, &QSslSocket::encryptedBytesWritten, this, &HttpConnection::onBytesWritten);
    connect(socket, &QAbstractSocket::disconnected, this, [socket] { socket->deleteLater(); });
    arm(firstRequest.remainingTime());
    // Over TLS, plaintext may have arrived with the end of the handshake.
    QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::arm(qint64 milliseconds)
{
    m_timer->start(int(std::clamp<qint64>(milliseconds, 0, std::numeric_limits<int>::max())));
}

qint64 HttpConnection::pendingOutput() const
{
    return m_socket->bytesToWrite() + (m_tls ? m_tls->encryptedBytesToWrite() : 0);
}

void HttpConnection::process()
{
    for (;;) {
        switch (m_phase) {
        case Phase::Idle:
            if (pendingOutput() > MaxPendingOutput) {
                // Backpressure: no further request is read until the peer reads its answers.
                if (!m_waitingForOutput) {
                    m_waitingForOutput = true;
                    arm(m_limits.idleTimeoutMs);
                }
                return;
            }
            [[fallthrough]];
        case Phase::Head:
            if (!readHead())
                return;
            break;
        case Phase::Body:
            if (!readBody())
                return;
            break;
        case Phase::Closing:
            dropInput();
            return;
        case Phase::Done:
            return;
        }
    }
}

// Reads what has arrived of a head inside a read transaction, so that nothing is consumed until
// it is known where the head ends and whether it is a WebSocket handshake (whose bytes the
// WebSocket server reads itself). Each byte is scanned once.
bool HttpConnection::readHead()
{
    if (!m_socket->isTransactionStarted())
        m_socket->startTransaction();
    HeadScan scan;
    // In small steps: what follows a head (pipelined requests) is read again for the next one.
    do {
        const QByteArray fresh
            = m_socket->read(std::min<qint64>(HeadReadStep, HeadReadLimit - m_received.size()));
        if (fresh.isEmpty()) {
            if (m_received.isEmpty())
                m_socket->rollbackTransaction();
            return false;
        }
        if (m_phase == Phase::Idle) {
            m_phase = Phase::Head;
            m_requestRead = false;
            // The first request's deadline runs from the accept; later ones from their first byte.
            if (!m_firstRequest)
                arm(m_limits.requestTimeoutMs);
        }
        const qsizetype from = m_received.size();
        m_received += fresh;
        scan = HttpRequestParser::scanHead(m_received, from);
        if (scan.state == HeadScan::State::Incomplete && m_received.size() >= HeadReadLimit) {
            scan.state = HeadScan::State::Invalid;
            scan.refusal = {431, "The request head is larger than 65,536 bytes."};
        }
    } while (scan.state == HeadScan::State::Incomplete);
    if (scan.state == HeadScan::State::Invalid) {
        m_socket->commitTransaction();
        m_received.clear();
        refuse(scan.refusal.status, scan.refusal.message);
        return false;
    }
    HttpRequestParser::Parsed parsed = HttpRequestParser::parseHead(
        QByteArrayView(m_received).sliced(scan.skip, scan.end - scan.skip));
    m_received.clear();
    m_socket->rollbackTransaction(); // everything is unread again
    if (parsed.refusal.isRefused()) {
        m_socket->skip(scan.end);
        refuse(parsed.refusal.status, parsed.refusal.message);
        return false;
    }
    HttpRequest request = requestFor(std::move(parsed.head));
    m_requestRead = request.head.body == RequestHead::Body::None; // once the head is skipped
    if (request.head.asksForWebSocket)
        return handOver(request, scan.end);
    m_socket->skip(scan.end);
    return beginRequest(std::move(request));
}

HttpRequest HttpConnection::requestFor(RequestHead head) const
{
    HttpRequest request;
    request.head = std::move(head);
    request.peerAddress = m_socket->peerAddress();
    request.localAddress = m_socket->localAddress();
    request.localPort = m_socket->localPort();
    request.encrypted = m_tls != nullptr;
    return request;
}

bool HttpConnection::handOver(const HttpRequest &request, qsizetype headLength)
{
    const RequestHead &head = request.head;
    const auto refuseHandshake = [&](int status, const QByteArray &message) {
        m_socket->skip(headLength);
        refuse(status, message, &head);
        return false;
    };
    if (m_tlsRequired) {
        qCInfo(lcConnections).noquote()
            << "refused a plaintext WebSocket connection from"
            << LanChat::escapeForLog(m_socket->peerAddress().toString()) << "(TLS is on)";
        // The reason phrase is what QWebSocket reports: LanChat's client recognises it.
        HttpResponse response(403, "text/plain; charset=utf-8"_ba,
                              "This chat requires TLS: connect with wss:// (or open the https:// "
                              "address).\n"_ba);
        response.reason = "TLS Required"_ba;
        response.closeConnection = true;
        m_socket->skip(headLength);
        send(response, &head);
        return false;
    }
    const HttpRequestParser::Refusal refusal = HttpRequestParser::checkWebSocketHandshake(head);
    if (refusal.status == 426) { // RFC 6455 4.2.2: name the version this server speaks
        HttpResponse response = HttpResponse::refusal(426, refusal.message);
        response.setHeader("Sec-WebSocket-Version"_ba, "13"_ba);
        m_socket->skip(headLength);
        send(response, &head);
        return false;
    }
    if (refusal.isRefused())
        return refuseHandshake(refusal.status, refusal.message);
    if (head.body != RequestHead::Body::None)
        return refuseHandshake(400, "A WebSocket handshake has no body.");
    if (!m_service || !m_service->isWebSocketPath(head.path))
        return refuseHandshake(404, "There is no WebSocket endpoint at this path.");
    const bool hostAllowed = m_service->acceptsAuthority(request);

    // The WebSocket server reads the head from the socket: from here on it is not ours.
    m_phase = Phase::Done;
    m_timer->stop();
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->setReadBufferSize(0);
    QTcpSocket *socket = m_socket;
    deleteLater();
    emit webSocketUpgrade(socket, hostAllowed);
    return false;
}

bool HttpConnection::beginRequest(HttpRequest request)
{
    const RequestHead &head = request.head;
    if (m_service && !m_service->acceptsAuthority(request)) {
        qCDebug(lcHttp).noquote() << "421 for" << describe(head) << "to the host"
                                  << LanChat::escapeForLog(QByteArrayView(head.authority));
        refuse(421, "This server does not answer to that host name.", &head);
        return false;
    }
    if (m_tlsRequired) {
        // Whatever was sent in clear is exposed already; a browser is sent to https://.
        QByteArray authority = head.authority;
        if (authority.isEmpty()) {
            const QHostAddress local = m_socket->localAddress();
            authority = (local.protocol() == QAbstractSocket::IPv6Protocol
                             ? '[' + local.toString().toLatin1() + ']'
                             : local.toString().toLatin1())
                        + ':' + QByteArray::number(m_socket->localPort());
        }
        const QByteArray target = head.target.startsWith('/') ? head.target : "/"_ba;
        HttpResponse response(307, "text/plain; charset=utf-8"_ba, "Use https://.\n"_ba);
        // 307, not 301: browsers would keep a permanent redirect after TLS is turned off again.
        response.setHeader("Location"_ba, "https://" + authority + target);
        response.closeConnection = true;
        send(response, &head);
        return false;
    }
    if (head.body == RequestHead::Body::Length && head.contentLength > m_limits.maxBodyBytes) {
        refuse(413,
               "The request body is larger than "_ba + QByteArray::number(m_limits.maxBodyBytes)
                   + " bytes.",
               &head);
        return false;
    }
    if (head.body == RequestHead::Body::None) {
        m_request = std::move(request);
        return dispatch();
    }
    if (head.expectsContinue && head.minorVersion == 1)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n"_ba);
    m_bodyRemaining = head.contentLength;
    if (head.body == RequestHead::Body::Chunked)
        m_chunked.emplace(m_limits.maxBodyBytes);
    m_request = std::move(request);
    m_phase = Phase::Body;
    return true;
}

// No route takes a body: it is read and dropped, counted against the limit as it arrives.
bool HttpConnection::readBody()
{
    if (!m_chunked) {
        const qint64 skipped = m_socket->skip(m_bodyRemaining);
        m_bodyRemaining -= std::max<qint64>(0, skipped);
        m_requestRead = m_bodyRemaining == 0;
        return m_requestRead && dispatch();
    }
    while (m_socket->bytesAvailable() > 0) {
        const QByteArray bytes
            = m_socket->peek(qMin<qint64>(m_socket->bytesAvailable(), 64 * 1024));
        qsizetype consumed = 0;
        const ChunkedDecoder::Status status = m_chunked->feed(bytes, &consumed);
        m_socket->skip(consumed);
        switch (status) {
        case ChunkedDecoder::Status::NeedMore:
            break;
        case ChunkedDecoder::Status::Done:
            m_chunked.reset();
            m_requestRead = true;
            return dispatch();
        case ChunkedDecoder::Status::Invalid:
            m_chunked.reset();
            refuse(400, "The chunked body is malformed.", &m_request.head);
            return false;
        case ChunkedDecoder::Status::TooLarge:
            m_chunked.reset();
            refuse(413,
                   "The request body is larger than "_ba + QByteArray::number(m_limits.maxBodyBytes)
                       + " bytes.",
                   &m_request.head);
            return false;
        }
    }
    return false;
}

bool HttpConnection::dispatch()
{
    const HttpResponse response = m_service
                                      ? m_service->respond(m_request)
                                      : HttpResponse::refusal(503, "The server is starting."_ba);
    send(response, &m_request.head);
    if (m_phase == Phase::Closing)
        return false;
    m_phase = Phase::Idle;
    m_firstRequest = false;
    arm(m_limits.idleTimeoutMs);
    return true;
}

void HttpConnection::send(const HttpResponse &response, const RequestHead *head)
{
    const bool keepAlive = head && head->keepAlive && !response.closeConnection;
    m_socket->write(response.serializeHead(keepAlive, head && head->minorVersion == 0));
    if (response.mayHaveContent() && !(head && head->isHead()))
        m_socket->write(response.body);
    if (!keepAlive)
        closeAfterOutput();
}

void HttpConnection::refuse(int status, const QByteArray &message, const RequestHead *head)
{
    qCDebug(lcHttp).noquote() << status << "to"
                              << LanChat::escapeForLog(m_socket->peerAddress().toString()) << "for"
                              << (head ? describe(*head) : u"a request"_s) << "-"
                              << LanChat::escapeForLog(QByteArrayView(message));
    send(HttpResponse::refusal(status, message), head);
}

// The connection ends after what is queued has been sent. Until then, and while it lingers after,
// whatever the peer still sends is dropped unread.
void HttpConnection::closeAfterOutput()
{
    m_phase = Phase::Closing;
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    // nginx's heuristic (lingering_close on): the peer may still be sending if its request was not
    // read to its end or more has arrived behind it. A peer too slow for the deadline is not
    // waited for.
    m_peerMaySend = !m_timedOut
                    && (!m_requestRead || m_socket->bytesAvailable() > 0
                        || (m_tls && m_tls->encryptedBytesAvailable() > 0));
    dropInput();
    if (pendingOutput() == 0)
        startLinger();
    else
        arm(m_limits.idleTimeoutMs); // the peer must read what it is sent
}

// Called once the response has been handed to the kernel.
void HttpConnection::startLinger()
{
    if (m_lingering)
        return;
    m_lingering = true;
    if (!m_tls) {
        // Only our direction ends: the peer sees the end of the response at once, and a reset on
        // unread input cannot make its kernel drop the response it has not read yet.
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    } else if (!m_peerMaySend) {
        // TLS cannot end one direction only (close_notify comes with the TCP close in
        // QSslSocket), so it lingers only where input may follow: a peer that is done sending
        // gets close_notify at once.
        endLinger();
        return;
    }
    m_lingerDeadline.setRemainingTime(LingeringClose::DeadlineMs);
    m_sinceInput.start();
    arm(LingeringClose::QuietMs);
}

void HttpConnection::endLinger()
{
    m_phase = Phase::Done;
    if (!m_tls) {
        m_socket->abort();
        m_socket->deleteLater();
        return;
    }
    m_socket->disconnectFromHost(); // close_notify, then the TCP close once it has been written
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        arm(LingeringClose::DeadlineMs); // a peer that does not take even that is cut off
}

void HttpConnection::dropInput()
{
    qint64 dropped = 0;
    while (dropped < LingeringClose::DropPerEvent && m_socket->bytesAvailable() > 0) {
        const qint64 skipped = m_socket->skip(LingeringClose::DropPerEvent - dropped);
        if (skipped <= 0)
            break;
        dropped += skipped;
    }
    if (dropped > 0 && m_lingering)
        m_sinceInput.start();
}

void HttpConnection::onBytesWritten()
{
    switch (m_phase) {
    case Phase::Closing:
        if (!m_lingering) {
            if (pendingOutput() == 0)
                startLinger();
            else
                arm(m_limits.idleTimeoutMs);
        }
        return;
    case Phase::Idle:
        arm(m_limits.idleTimeoutMs); // progress: the idle limit counts from here
        if (m_waitingForOutput && pendingOutput() <= MaxPendingOutput) {
            m_waitingForOutput = false;
            process();
        }
        return;
    default:
        return;
    }
}

void HttpConnection::onTimeout()
{
    switch (m_phase) {
    case Phase::Idle:
        // Nothing of a request arrived in time (or the peer stopped reading its answers).
        qCDebug(lcHttp) << (m_waitingForOutput ? "closing an HTTP connection that stopped reading"
                                               : "closing an idle HTTP connection");
        m_phase = Phase::Done;
        m_socket->abort();
        m_socket->deleteLater();
        return;
    case Phase::Head:
    case Phase::Body:
        qCDebug(lcHttp) << "closing an HTTP connection whose request did not arrive in time";
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        m_received.clear();
        m_chunked.reset();
        m_timedOut = true;
        send(HttpResponse::refusal(408, "The request did not arrive in time."_ba), nullptr);
        return;
    case Phase::Closing:
        if (m_lingering) {
            const qint64 quietFor = m_sinceInput.elapsed();
            if (quietFor < LingeringClose::QuietMs && !m_lingerDeadline.hasExpired()) {
                arm(std::min(LingeringClose::QuietMs - quietFor, m_lingerDeadline.remainingTime()));
                return;
            }
            endLinger();
            return;
        }
        // The peer did not read the last response in time.
        [[fallthrough]];
    case Phase::Done:
        m_socket->abort();
        m_socket->deleteLater();
        return;
    }
}

#include "moc_httpconnection.cpp"
