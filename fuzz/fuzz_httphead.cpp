// Fuzzes what every connection's bytes go through first (HttpConnection): the request-head scan
// and parse of HttpRequestParser, the WebSocket handshake check, and the chunked body decoder,
// with the invariants the server relies on. Input: raw bytes as they would arrive on a socket.
#include "chunkeddecoder.h"
#include "fuzzcheck.h"
#include "httprequestparser.h"
#include "requesttarget.h"

#include <QByteArray>

using namespace HttpRequestParser;

namespace {

bool isRefusalStatus(int status)
{
    return status == 400 || status == 414 || status == 417 || status == 431 || status == 501
           || status == 505;
}

void checkHead(const RequestHead &head)
{
    FUZZ_CHECK(!methodName(head.method).isEmpty());
    FUZZ_CHECK(!head.path.isEmpty());
    FUZZ_CHECK(head.path == QLatin1StringView("*") || head.path.startsWith(u'/'));
    FUZZ_CHECK(head.minorVersion == 0 || head.minorVersion == 1);
    FUZZ_CHECK(head.fields.size() <= MaxFieldLines);
    for (const auto &[name, value] : head.fields) {
        FUZZ_CHECK(!name.isEmpty());
        FUZZ_CHECK(name == name.toLower());
        for (const char c : value)
            FUZZ_CHECK(c != '\r' && c != '\n' && c != '\0');
        FUZZ_CHECK(!value.startsWith(' ') && !value.endsWith(' '));
    }
    // An HTTP/1.1 request always names an authority that splits into host and port.
    QByteArray host;
    int port = 0;
    if (head.minorVersion == 1 || !head.authority.isEmpty())
        FUZZ_CHECK(RequestTarget::splitAuthority(head.authority, &host, &port));
    FUZZ_CHECK(port >= -1 && port <= 65535);
    switch (head.body) {
    case RequestHead::Body::None:
        FUZZ_CHECK(head.contentLength == 0);
        break;
    case RequestHead::Body::Length:
        FUZZ_CHECK(head.contentLength > 0);
        FUZZ_CHECK(head.value("transfer-encoding").isNull());
        break;
    case RequestHead::Body::Chunked:
        FUZZ_CHECK(head.minorVersion == 1);
        FUZZ_CHECK(head.value("content-length").isNull());
        break;
    }
    if (head.asksForWebSocket) {
        const Refusal refusal = checkWebSocketHandshake(head);
        FUZZ_CHECK(refusal.status == 0 || refusal.status == 400 || refusal.status == 426);
        if (refusal.status == 0)
            FUZZ_CHECK(head.method == Method::Get && head.minorVersion == 1);
    }
}

// The body after a head, decoded whole and byte by byte: the same answer either way.
void checkChunked(QByteArrayView body)
{
    constexpr qint64 Limit = 4096;
    ChunkedDecoder whole(Limit);
    QByteArray wholeData;
    qsizetype wholeConsumed = 0;
    const ChunkedDecoder::Status wholeStatus = whole.feed(body, &wholeConsumed, &wholeData);
    FUZZ_CHECK(wholeConsumed <= body.size());
    FUZZ_CHECK(whole.bodyBytes() <= Limit);
    FUZZ_CHECK(wholeData.size() == whole.bodyBytes());
    if (wholeStatus == ChunkedDecoder::Status::NeedMore)
        FUZZ_CHECK(wholeConsumed == body.size());

    ChunkedDecoder split(Limit);
    QByteArray splitData;
    qsizetype splitConsumed = 0;
    ChunkedDecoder::Status splitStatus = ChunkedDecoder::Status::NeedMore;
    for (qsizetype i = 0; i < body.size(); ++i) {
        qsizetype consumed = 0;
        splitStatus = split.feed(body.sliced(i, 1), &consumed, &splitData);
        splitConsumed += consumed;
        if (splitStatus != ChunkedDecoder::Status::NeedMore)
            break;
    }
    FUZZ_CHECK(splitStatus == wholeStatus);
    FUZZ_CHECK(splitConsumed == wholeConsumed);
    FUZZ_CHECK(splitData == wholeData);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const HeadScan scan = scanHead(input);

    // The same bytes arriving in two parts decide the same.
    const qsizetype cut = size > 0 ? qsizetype(data[0]) % (input.size() + 1) : 0;
    HeadScan stepwise = scanHead(input.first(cut));
    if (stepwise.state == HeadScan::State::Incomplete)
        stepwise = scanHead(input, cut);
    FUZZ_CHECK(stepwise.state == scan.state);
    FUZZ_CHECK(stepwise.end == scan.end);
    FUZZ_CHECK(stepwise.refusal.status == scan.refusal.status);

    switch (scan.state) {
    case HeadScan::State::Incomplete:
        FUZZ_CHECK(input.size() - scan.skip <= MaxHeadBytes);
        break;
    case HeadScan::State::Invalid:
        FUZZ_CHECK(scan.refusal.status == 400 || scan.refusal.status == 414
                   || scan.refusal.status == 431);
        break;
    case HeadScan::State::Complete: {
        FUZZ_CHECK(scan.end <= input.size());
        FUZZ_CHECK(scan.end - scan.skip <= MaxHeadBytes);
        const QByteArrayView head = input.sliced(scan.skip, scan.end - scan.skip);
        FUZZ_CHECK(head.endsWith("\r\n\r\n"));
        const Parsed parsed = parseHead(head);
        if (parsed.refusal.isRefused()) {
            FUZZ_CHECK(isRefusalStatus(parsed.refusal.status));
            FUZZ_CHECK(!parsed.refusal.message.isEmpty());
        } else {
            checkHead(parsed.head);
        }
        checkChunked(input.sliced(scan.end));
        break;
    }
    }
    // Any bytes at all as a chunked body.
    checkChunked(input.first(std::min<qsizetype>(input.size(), 4096)));
    return 0;
}
