#include "httprequestparser.h"

#include "httpgrammar.h"
#include "requesttarget.h"

#include <algorithm>
#include <limits>

namespace HttpRequestParser {

using namespace HttpGrammar;

namespace {

Refusal refuse(int status, const char *message)
{
    return Refusal {status, QByteArray(message)};
}

struct KnownMethod
{
    const char *name;
    Method method;
};

constexpr KnownMethod KnownMethods[] = {
    {"GET", Method::Get},         {"HEAD", Method::Head},     {"POST", Method::Post},
    {"PUT", Method::Put},         {"DELETE", Method::Delete}, {"PATCH", Method::Patch},
    {"OPTIONS", Method::Options}, {"TRACE", Method::Trace},
};

Refusal parseRequestLine(QByteArrayView line, RequestHead *head)
{
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype secondSpace = firstSpace < 0 ? -1 : line.indexOf(' ', firstSpace + 1);
    if (secondSpace < 0 || line.indexOf(' ', secondSpace + 1) >= 0)
        return refuse(400, "The request line must be: method, target and version, each separated "
                           "by one space.");
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(secondSpace + 1);
    if (!isToken(method))
        return refuse(400, "The method is not a token.");
    if (target.isEmpty() || !std::all_of(target.begin(), target.end(), [](char c) {
            return uchar(c) > 0x20 && uchar(c) < 0x7f;
        }))
        return refuse(400, "The request target has characters that must be percent-encoded.");
    if (version.size() != 8 || !version.startsWith("HTTP/") || !isDigit(version.at(5))
        || version.at(6) != '.' || !isDigit(version.at(7)))
        return refuse(400, "The HTTP version is malformed.");
    if (version.at(5) != '1')
        return refuse(505, "This server speaks HTTP/1.1 (and HTTP/1.0) only.");
    head->minorVersion = version.at(7) == '0' ? 0 : 1;

    const auto known = std::find_if(std::begin(KnownMethods), std::end(KnownMethods),
                                    [&](const KnownMethod &k) { return method == k.name; });
    if (known == std::end(KnownMethods))
        return refuse(501, "This server does not implement that method.");
    head->method = known->method;
    head->target = target.toByteArray();
    RequestTarget::Target parsed;
    const Refusal refusal = RequestTarget::parse(target, head->method, &parsed);
    head->path = std::move(parsed.path);
    head->query = std::move(parsed.query);
    head->authority = std::move(parsed.authority);
    return refusal;
}

// Transfer-Encoding (RFC 9112 6.1 and 6.3): chunked must be the final coding, once; any other
// coding is one this server does not implement.
Refusal parseTransferCodings(const RequestHead &head, bool *chunked)
{
    int codings = 0;
    int chunkedCount = 0;
    bool chunkedLast = false;
    bool malformed = false;
    for (const auto &[name, value] : head.fields) {
        if (name != "transfer-encoding")
            continue;
        forEachListElement(value, [&](QByteArrayView element) {
            const qsizetype semicolon = element.indexOf(';');
            const QByteArrayView coding
                = trimmed(semicolon < 0 ? element : element.first(semicolon));
            malformed = malformed || !isToken(coding);
            ++codings;
            chunkedLast = equalsIgnoringCase(coding, "chunked");
            if (chunkedLast) {
                ++chunkedCount;
                malformed = malformed || semicolon >= 0; // chunked takes no parameters
            }
        });
    }
    if (malformed || codings == 0)
        return refuse(400, "Transfer-Encoding is malformed.");
    if (!chunkedLast || chunkedCount > 1)
        return refuse(400, "Transfer-Encoding must end with chunked, applied once.");
    if (codings > 1)
        return refuse(501, "This server implements no transfer coding but chunked.");
    *chunked = true;
    return {};
}

Refusal parseFraming(RequestHead *head)
{
    QByteArray host;
    QByteArray length;
    const int hosts = head->occurrences("host", &host);
    const int lengths = head->occurrences("content-length", &length);
    const bool transferEncoding = head->occurrences("transfer-encoding") > 0;
    // RFC 9112 3.2: exactly one valid Host in HTTP/1.1; none is allowed in HTTP/1.0.
    if (hosts > 1)
        return refuse(400, "The request has more than one Host field.");
    if (hosts == 0 && head->minorVersion == 1)
        return refuse(400, "An HTTP/1.1 request must have a Host field.");
    QByteArray hostName;
    int port = -1;
    if (hosts == 1 && !RequestTarget::splitAuthority(host, &hostName, &port))
        return refuse(400, "The Host field is not a valid host and port.");
    if (head->authority.isEmpty() && hosts == 1)
        head->authority = host;

    if (transferEncoding) {
        if (head->minorVersion == 0)
            return refuse(400, "Transfer-Encoding is not part of HTTP/1.0.");
        if (lengths > 0)
            return refuse(400, "A request must not have both Content-Length and "
                               "Transfer-Encoding.");
        bool chunked = false;
        if (const Refusal refusal = parseTransferCodings(*head, &chunked); refusal.isRefused())
            return refusal;
        head->body = RequestHead::Body::Chunked;
        return {};
    }
    if (lengths > 1)
        return refuse(400, "The request has more than one Content-Length field.");
    if (lengths == 1) {
        if (length.isEmpty() || !std::all_of(length.begin(), length.end(), isDigit))
            return refuse(400, "Content-Length is not a number.");
        qint64 value = 0;
        for (const char c : length) {
            if (value > (std::numeric_limits<qint64>::max() - 9) / 10) {
                value = std::numeric_limits<qint64>::max();
                break;
            }
            value = value * 10 + (c - '0');
        }
        head->contentLength = value;
        if (value > 0)
            head->body = RequestHead::Body::Length;
    }
    return {};
}

} // namespace

HeadScan scanHead(QByteArrayView received, qsizetype from)
{
    HeadScan scan;
    const qsizetype size = received.size();
    qsizetype skip = 0;
    while (skip + 1 < size && received.at(skip) == '\r' && received.at(skip + 1) == '\n')
        skip += 2;
    scan.skip = skip;
    if (skip > 2 * MaxEmptyLinesBefore) {
        scan.state = HeadScan::State::Invalid;
        scan.refusal = refuse(400, "Too many empty lines before the request line.");
        return scan;
    }
    if (skip == size || (skip + 1 == size && received.at(skip) == '\r'))
        return scan; // nothing but empty lines yet
    // The request line: a long one is a 414 as soon as it is longer than allowed.
    const qsizetype searched = std::min(size - skip, MaxRequestLineBytes + 2);
    const qsizetype lineFeed = received.sliced(skip, searched).indexOf('\n');
    if (lineFeed < 0 && searched > MaxRequestLineBytes + 1) {
        scan.state = HeadScan::State::Invalid;
        scan.refusal = refuse(414, "The request line is too long.");
        return scan;
    }
    for (qsizetype i = std::max(skip, from - 3); i < size; ++i) {
        if (i - skip >= MaxHeadBytes) {
            scan.state = HeadScan::State::Invalid;
            scan.refusal = refuse(431, "The request head is larger than 65,536 bytes.");
            return scan;
        }
        const char c = received.at(i);
        if (c == '\n') {
            if (i == skip || received.at(i - 1) != '\r') {
                scan.state = HeadScan::State::Invalid;
                scan.refusal = refuse(400, "Lines must end with CR LF (a bare LF was sent).");
                return scan;
            }
            if (i >= skip + 3 && received.at(i - 2) == '\n') {
                scan.state = HeadScan::State::Complete;
                scan.end = i + 1;
                return scan;
            }
        } else if (c == '\r' && i + 1 < size && received.at(i + 1) != '\n') {
            scan.state = HeadScan::State::Invalid;
            scan.refusal = refuse(400, "Lines must end with CR LF (a bare CR was sent).");
            return scan;
        }
    }
    return scan;
}

QByteArray RequestHead::value(QByteArrayView name) const
{
    for (const auto &[fieldName, fieldValue] : fields) {
        if (equalsIgnoringCase(fieldName, name))
            return fieldValue.isNull() ? QByteArray("") : fieldValue;
    }
    return {};
}

int RequestHead::occurrences(QByteArrayView name, QByteArray *last) const
{
    int count = 0;
    for (const auto &[fieldName, fieldValue] : fields) {
        if (!equalsIgnoringCase(fieldName, name))
            continue;
        ++count;
        if (last != nullptr)
            *last = fieldValue;
    }
    return count;
}

bool RequestHead::hasToken(QByteArrayView name, QByteArrayView token) const
{
    bool found = false;
    for (const auto &[fieldName, fieldValue] : fields) {
        if (!found && equalsIgnoringCase(fieldName, name)) {
            forEachListElement(fieldValue, [&](QByteArrayView element) {
                found = found || equalsIgnoringCase(element, token);
            });
        }
    }
    return found;
}

Parsed parseHead(QByteArrayView head)
{
    Parsed parsed;
    RequestHead &result = parsed.head;
    if (!head.endsWith("\r\n\r\n") || head.size() < 6) {
        parsed.refusal = refuse(400, "The request head is incomplete.");
        return parsed;
    }
    QByteArrayView rest = head.first(head.size() - 4);
    const qsizetype lineEnd = rest.indexOf("\r\n");
    const QByteArrayView requestLine = lineEnd < 0 ? rest : rest.first(lineEnd);
    rest = lineEnd < 0 ? QByteArrayView() : rest.sliced(lineEnd + 2);
    if (requestLine.contains('\r') || requestLine.contains('\n')) {
        parsed.refusal = refuse(400, "Lines must end with CR LF.");
        return parsed;
    }
    parsed.refusal = parseRequestLine(requestLine, &result);
    if (parsed.refusal.isRefused())
        return parsed;

    int lines = 0;
    while (lineEnd >= 0) {
        const qsizetype end = rest.indexOf("\r\n");
        const QByteArrayView line = end < 0 ? rest : rest.first(end);
        if (++lines > MaxFieldLines) {
            parsed.refusal = refuse(431, "The request has more than 100 field lines.");
            return parsed;
        }
        if (line.isEmpty() || isWhiteSpace(line.front())) {
            parsed.refusal = refuse(400, "Field lines must not be folded or empty.");
            return parsed;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon < 0) {
            parsed.refusal = refuse(400, "A field line has no colon.");
            return parsed;
        }
        const QByteArrayView name = line.first(colon);
        if (!isToken(name)) {
            parsed.refusal = refuse(400, "A field name is not a token (no white space may come "
                                         "before the colon).");
            return parsed;
        }
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (!std::all_of(value.begin(), value.end(), isFieldValueByte)) {
            parsed.refusal = refuse(400, "A field value has a control character.");
            return parsed;
        }
        result.fields.append({name.toByteArray().toLower(), value.toByteArray()});
        if (end < 0)
            break;
        rest = rest.sliced(end + 2);
    }

    parsed.refusal = parseFraming(&result);
    if (parsed.refusal.isRefused())
        return parsed;
    const QByteArray expect = result.value("expect");
    if (!expect.isNull()) {
        if (!equalsIgnoringCase(expect, "100-continue")) {
            parsed.refusal = refuse(417, "The only expectation this server meets is "
                                         "100-continue.");
            return parsed;
        }
        result.expectsContinue = true;
    }
    result.keepAlive = result.minorVersion == 1 ? !result.hasToken("connection", "close")
                                                : result.hasToken("connection", "keep-alive");
    result.asksForWebSocket = result.hasToken("upgrade", "websocket");
    return parsed;
}

QByteArray methodName(Method method)
{
    for (const KnownMethod &known : KnownMethods) {
        if (known.method == method)
            return known.name;
    }
    return {};
}

Refusal checkWebSocketHandshake(const RequestHead &head)
{
    if (head.method != Method::Get)
        return refuse(400, "A WebSocket handshake is a GET request.");
    if (head.minorVersion == 0)
        return refuse(400, "A WebSocket handshake needs HTTP/1.1.");
    if (!head.hasToken("connection", "upgrade"))
        return refuse(400, "A WebSocket handshake needs \"Connection: Upgrade\".");
    QByteArray key;
    QByteArray version;
    const int keys = head.occurrences("sec-websocket-key", &key);
    const int versions = head.occurrences("sec-websocket-version", &version);
    const auto decoded
        = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (keys != 1 || key.size() != 24 || !decoded || decoded.decoded.size() != 16
        || decoded.decoded.toBase64() != key)
        return refuse(400, "Sec-WebSocket-Key must be 16 bytes in base64, once.");
    if (versions == 0)
        return refuse(400, "A WebSocket handshake needs Sec-WebSocket-Version.");
    if (versions > 1 || version != "13")
        return refuse(426, "This server speaks WebSocket version 13.");
    return {};
}

} // namespace HttpRequestParser
