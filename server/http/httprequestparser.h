// Pure functions, any thread. The head of an HTTP/1.1 request read strictly (RFC 9112 sections
// 2–7, RFC 9110 for field syntax and methods): whatever a proxy in front of LanChat could read
// differently is refused, never guessed at. HttpConnection uses it for every request; the fuzzer
// fuzz_httphead drives it with arbitrary bytes. The target is read by RequestTarget, field
// syntax by HttpGrammar.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

namespace HttpRequestParser {

// The whole head, from the request line to the empty line that ends it.
inline constexpr qsizetype MaxHeadBytes = 64 * 1024;
// The request line alone (a longer one is a 414).
inline constexpr qsizetype MaxRequestLineBytes = 8 * 1024;
inline constexpr int MaxFieldLines = 100;
// Empty lines a client may send before a request line (RFC 9112 2.2: some send one after a body).
inline constexpr int MaxEmptyLinesBefore = 4;

enum class Method : quint8 { Get, Head, Post, Put, Delete, Patch, Options, Trace };

// Why a request is answered before any route sees it: the status and a one-line explanation.
// The connection is closed after such an answer: its framing cannot be trusted any further.
struct Refusal
{
    int status = 0; // 0: nothing to refuse
    QByteArray message;
    bool isRefused() const { return status != 0; }
};

// Where the head of the request at the start of `received` ends.
struct HeadScan
{
    enum class State : quint8 { Incomplete, Complete, Invalid };
    State state = State::Incomplete;
    // Empty lines before the request line (RFC 9112 2.2 lets a server skip them; some clients
    // send one after a body): that many bytes to drop before the head.
    qsizetype skip = 0;
    // Complete: the offset just past the empty line that ends the head (skip included).
    qsizetype end = 0;
    Refusal refusal; // Invalid: 400 for a bare CR or LF, 414 for a long request line, 431
};
// Scans what has been received of a request so far. `from` says how much was scanned before
// without finding the end (the scan then costs only the new bytes); 0 scans everything.
HeadScan scanHead(QByteArrayView received, qsizetype from = 0);

// A head that passed every check below.
struct RequestHead
{
    enum class Body : quint8 { None, Length, Chunked };

    Method method = Method::Get;
    QByteArray target; // as received
    QString path; // of the target, percent-decoded; "*" for OPTIONS *
    QByteArray query; // of the target, still percent-encoded, without the '?'
    int minorVersion = 1; // HTTP/1.0 or HTTP/1.1 (a later 1.x is read as 1.1)
    // The authority the request is addressed to: from an absolute-form target, otherwise the
    // Host field ("name", "name:port", "[v6]:port"). Empty only for HTTP/1.0 without Host.
    QByteArray authority;
    // Field lines in order: names in lower case, values without surrounding white space.
    QList<QPair<QByteArray, QByteArray>> fields;
    Body body = Body::None;
    qint64 contentLength = 0; // Body::Length; saturates at the largest qint64
    bool keepAlive = true; // HTTP/1.1 without "Connection: close", HTTP/1.0 with "keep-alive"
    bool expectsContinue = false; // "Expect: 100-continue"
    bool asksForWebSocket = false; // an Upgrade field naming "websocket"

    bool isHead() const { return method == Method::Head; }
    // The first value of a field (names compare case-insensitively); null when absent.
    QByteArray value(QByteArrayView name) const;
    // How many field lines have this name, and the last one's value (for the fields a request
    // may carry only once: Host, Content-Length, the WebSocket key and version).
    int occurrences(QByteArrayView name, QByteArray *last = nullptr) const;
    // True when a comma-separated field (Connection, Upgrade) lists the token.
    bool hasToken(QByteArrayView name, QByteArrayView token) const;
};

struct Parsed
{
    RequestHead head;
    Refusal refusal; // refused: head is incomplete and must not be used
};
// Parses a head as found by scanHead (without the skipped empty lines, with its final CRLF CRLF).
// Refuses with 400 (syntax, Host missing or repeated, conflicting framing), 431 (too many field
// lines), 501 (an unknown method or transfer coding), 505 (an HTTP version other than 1.x).
Parsed parseHead(QByteArrayView head);

// The name of a method as it goes into an Allow field.
QByteArray methodName(Method method);

// What is wrong with a WebSocket opening handshake (RFC 6455 4.2.1), if anything: 400 for a
// method other than GET, HTTP/1.0, a missing "Connection: Upgrade", a key that is not 16 bytes
// of base64; 426 (answered with "Sec-WebSocket-Version: 13") for a version other than 13.
Refusal checkWebSocketHandshake(const RequestHead &head);

} // namespace HttpRequestParser
