// Pure functions, any thread. The character classes and list syntax of HTTP fields (RFC 9110
// 5.5, 5.6), shared by the request-head parser, the request-target parser and the chunked
// decoder, so that each reads a token or a field value by the same rules.
#pragma once

#include <QByteArrayView>

#include <algorithm>
#include <string>

namespace HttpGrammar {

// RFC 9110 5.6.2: tchar.
inline bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || std::char_traits<char>::find("!#$%&'*+-.^_`|~", 15, c) != nullptr;
}

inline bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

inline bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The value of a hex digit; -1 for any other byte.
inline int hexValue(char c)
{
    if (isDigit(c))
        return c - '0';
    return isHexDigit(c) ? (c | 0x20) - 'a' + 10 : -1;
}

// RFC 9110 5.5: field-vchar and the white space between them; no CTL (so no CR, LF or NUL).
inline bool isFieldValueByte(char c)
{
    const auto byte = uchar(c);
    return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
}

inline bool isWhiteSpace(char c)
{
    return c == ' ' || c == '\t';
}

inline QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && isWhiteSpace(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isWhiteSpace(text.back()))
        text.chop(1);
    return text;
}

inline bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

// Calls f(element) for each non-empty element of a comma-separated list (RFC 9110 5.6.1).
template<typename F>
void forEachListElement(QByteArrayView list, F f)
{
    while (!list.isEmpty()) {
        const qsizetype comma = list.indexOf(',');
        const QByteArrayView element = trimmed(comma < 0 ? list : list.first(comma));
        if (!element.isEmpty())
            f(element);
        list = comma < 0 ? QByteArrayView() : list.sliced(comma + 1);
    }
}

} // namespace HttpGrammar
