// Pure state machine, any thread. Decodes a chunked request body (RFC 9112 7.1) as its bytes
// arrive, within a size limit, so that no body is ever buffered whole: HttpConnection feeds it
// what the socket has and learns where the body ends. Chunk extensions and trailer fields are
// checked for their syntax and dropped.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

class ChunkedDecoder final
{
public:
    // A chunk-size line (with its extensions) and the trailer section are bounded too.
    static constexpr qsizetype MaxChunkLineBytes = 1024;
    static constexpr qsizetype MaxTrailerBytes = 8 * 1024;

    enum class Status : quint8 {
        NeedMore, // every byte given was consumed; the body goes on
        Done, // the body ended; the bytes after it were not consumed
        Invalid, // not chunked encoding
        TooLarge, // the decoded body would exceed the limit (known from a chunk's size)
    };

    explicit ChunkedDecoder(qint64 maxBodyBytes) : m_maxBodyBytes(maxBodyBytes) { }

    // Consumes bytes from the start of input and says how many in *consumed. The body's data
    // is appended to *data when it is given (and dropped otherwise).
    Status feed(QByteArrayView input, qsizetype *consumed, QByteArray *data = nullptr);

    // Data bytes decoded so far.
    qint64 bodyBytes() const { return m_bodyBytes; }

private:
    enum class State : quint8 {
        SizeStart,
        Size,
        Extension,
        SizeLineFeed,
        Data,
        DataCarriageReturn,
        DataLineFeed,
        TrailerLineStart,
        TrailerLine,
        TrailerLineFeed,
        FinalLineFeed,
        Done,
        Failed,
    };

    Status fail(Status status);

    qint64 m_maxBodyBytes;
    qint64 m_bodyBytes = 0;
    qint64 m_chunkRemaining = 0;
    qsizetype m_lineBytes = 0; // of the current chunk-size line, or of the trailer section
    qsizetype m_trailerBytes = 0;
    bool m_trailerNameDone = false; // the current trailer line's colon was seen
    State m_state = State::SizeStart;
    Status m_failure = Status::Invalid;
};
