#include "chunkeddecoder.h"

#include "httpgrammar.h"

#include <algorithm>

// Chunk extensions and trailer field values: no control character but HTAB, as in a field value.
using HttpGrammar::hexValue;
using HttpGrammar::isFieldValueByte;
using HttpGrammar::isTokenChar;

ChunkedDecoder::Status ChunkedDecoder::fail(Status status)
{
    m_state = State::Failed;
    m_failure = status;
    return status;
}

ChunkedDecoder::Status ChunkedDecoder::feed(QByteArrayView input, qsizetype *consumed,
                                            QByteArray *data)
{
    qsizetype i = 0;
    const auto result = [&](Status status) {
        *consumed = i;
        return status;
    };
    if (m_state == State::Done)
        return result(Status::Done);
    if (m_state == State::Failed)
        return result(m_failure);
    while (i < input.size()) {
        const char c = input.at(i);
        // A state that allows one byte only (the CR or the LF of a line's end): takes it and
        // moves on to next, or says the input is invalid.
        const auto expect = [&](char wanted, State next) {
            if (c != wanted)
                return false;
            m_state = next;
            ++i;
            return true;
        };
        // Takes the byte as one more of a part whose length is capped (a chunk-size line, the
        // trailer section), or says the part is too long.
        const auto takeCounted = [&](qsizetype &counted, qsizetype cap) {
            if (++counted > cap)
                return false;
            ++i;
            return true;
        };
        switch (m_state) {
        case State::SizeStart:
        case State::Size: {
            const int digit = hexValue(c);
            if (digit >= 0) {
                // 0x7fffffffffffffff / 16: beyond it the size is beyond any limit anyway.
                if (m_chunkRemaining > (m_maxBodyBytes - m_bodyBytes) / 16 + 1)
                    return result(fail(Status::TooLarge));
                m_chunkRemaining = m_chunkRemaining * 16 + digit;
                if (m_chunkRemaining > m_maxBodyBytes - m_bodyBytes)
                    return result(fail(Status::TooLarge));
                m_state = State::Size;
            } else if (m_state == State::SizeStart) {
                return result(fail(Status::Invalid));
            } else if (c == ';' || c == ' ' || c == '\t') {
                m_state = State::Extension;
            } else if (c == '\r') {
                m_state = State::SizeLineFeed;
            } else {
                return result(fail(Status::Invalid));
            }
            if (!takeCounted(m_lineBytes, MaxChunkLineBytes))
                return result(fail(Status::Invalid));
            break;
        }
        case State::Extension:
            if (c == '\r')
                m_state = State::SizeLineFeed;
            else if (!isFieldValueByte(c))
                return result(fail(Status::Invalid));
            if (!takeCounted(m_lineBytes, MaxChunkLineBytes))
                return result(fail(Status::Invalid));
            break;
        case State::SizeLineFeed:
            if (!expect('\n', m_chunkRemaining == 0 ? State::TrailerLineStart : State::Data))
                return result(fail(Status::Invalid));
            m_lineBytes = 0;
            break;
        case State::Data: {
            const qsizetype take = qsizetype(std::min<qint64>(m_chunkRemaining, input.size() - i));
            if (data)
                data->append(input.sliced(i, take));
            m_chunkRemaining -= take;
            m_bodyBytes += take;
            i += take;
            if (m_chunkRemaining == 0)
                m_state = State::DataCarriageReturn;
            break;
        }
        case State::DataCarriageReturn:
            if (!expect('\r', State::DataLineFeed))
                return result(fail(Status::Invalid));
            break;
        case State::DataLineFeed:
            if (!expect('\n', State::SizeStart))
                return result(fail(Status::Invalid));
            break;
        case State::TrailerLineStart:
            if (c == '\r') {
                m_state = State::FinalLineFeed;
            } else if (isTokenChar(c)) {
                m_trailerNameDone = false;
                m_state = State::TrailerLine;
            } else {
                return result(fail(Status::Invalid)); // also obsolete line folding
            }
            if (!takeCounted(m_trailerBytes, MaxTrailerBytes))
                return result(fail(Status::Invalid));
            break;
        case State::TrailerLine:
            if (c == '\r' && m_trailerNameDone)
                m_state = State::TrailerLineFeed;
            else if (c == ':' && !m_trailerNameDone)
                m_trailerNameDone = true;
            else if (m_trailerNameDone ? !isFieldValueByte(c) : !isTokenChar(c))
                return result(fail(Status::Invalid));
            if (!takeCounted(m_trailerBytes, MaxTrailerBytes))
                return result(fail(Status::Invalid));
            break;
        case State::TrailerLineFeed:
            if (!expect('\n', State::TrailerLineStart))
                return result(fail(Status::Invalid));
            break;
        case State::FinalLineFeed:
            if (!expect('\n', State::Done))
                return result(fail(Status::Invalid));
            return result(Status::Done);
        case State::Done:
        case State::Failed:
            Q_UNREACHABLE();
        }
    }
    return result(Status::NeedMore);
}
