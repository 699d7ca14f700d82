#include "requesttarget.h"

#include "httpgrammar.h"

#include <algorithm>
#include <string>

using HttpGrammar::isDigit;
using HttpGrammar::isHexDigit;
using HttpRequestParser::Method;
using HttpRequestParser::Refusal;

namespace RequestTarget {

namespace {

Refusal refuse(const char *message)
{
    return Refusal {400, QByteArray(message)};
}

// RFC 3986 3.2.2: unreserved / pct-encoded / sub-delims.
bool isRegNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c)
           || std::char_traits<char>::find("-._~!$&'()*+,;=%", 16, c) != nullptr;
}

bool isValidRegName(QByteArrayView name)
{
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (!isRegNameChar(name.at(i)))
            return false;
        if (name.at(i) == '%'
            && (i + 2 >= name.size() || !isHexDigit(name.at(i + 1)) || !isHexDigit(name.at(i + 2))))
            return false;
    }
    return true;
}

// Percent-decodes a path; false for a '%' not followed by two hex digits.
bool decodePath(QByteArrayView raw, QString *path)
{
    QByteArray decoded;
    decoded.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw.at(i);
        if (c != '%') {
            decoded += c;
            continue;
        }
        if (i + 2 >= raw.size() || !isHexDigit(raw.at(i + 1)) || !isHexDigit(raw.at(i + 2)))
            return false;
        decoded += char(HttpGrammar::hexValue(raw.at(i + 1)) * 16
                        + HttpGrammar::hexValue(raw.at(i + 2)));
        i += 2;
    }
    *path = QString::fromUtf8(decoded);
    return true;
}

} // namespace

Refusal parse(QByteArrayView target, Method method, Target *parsed)
{
    if (target.contains('#'))
        return refuse("The request target must not contain a fragment.");
    if (target == "*") {
        if (method != Method::Options)
            return refuse("Only OPTIONS may have * as its target.");
        parsed->path = QStringLiteral("*");
        return {};
    }
    QByteArrayView rest = target;
    if (!target.startsWith('/')) {
        const qsizetype schemeEnd = target.indexOf("://");
        const QByteArrayView scheme = schemeEnd < 0 ? QByteArrayView() : target.first(schemeEnd);
        if (!HttpGrammar::equalsIgnoringCase(scheme, "http")
            && !HttpGrammar::equalsIgnoringCase(scheme, "https"))
            return refuse("The request target is neither a path nor an http URL.");
        rest = target.sliced(schemeEnd + 3);
        const auto delimiter
            = std::find_if(rest.begin(), rest.end(), [](char c) { return c == '/' || c == '?'; });
        const qsizetype authorityEnd = delimiter - rest.begin();
        const QByteArrayView authority = rest.first(authorityEnd);
        QByteArray host;
        int port = -1;
        if (authority.contains('@') || !splitAuthority(authority, &host, &port) || host.isEmpty())
            return refuse("The request target has an invalid authority.");
        parsed->authority = authority.toByteArray();
        rest = rest.sliced(authorityEnd);
    }
    const qsizetype question = rest.indexOf('?');
    const QByteArrayView rawPath = question < 0 ? rest : rest.first(question);
    if (question >= 0)
        parsed->query = rest.sliced(question + 1).toByteArray();
    if (rawPath.isEmpty())
        parsed->path = QStringLiteral("/");
    else if (!decodePath(rawPath, &parsed->path))
        return refuse("The request target has an invalid percent-encoding.");
    return {};
}

bool splitAuthority(QByteArrayView authority, QByteArray *host, int *port)
{
    QByteArrayView hostPart = authority;
    QByteArrayView portPart;
    bool hasPort = false;
    if (authority.startsWith('[')) {
        const qsizetype close = authority.indexOf(']');
        if (close < 0)
            return false;
        const QByteArrayView literal = authority.sliced(1, close - 1);
        if (literal.isEmpty() || !std::all_of(literal.begin(), literal.end(), [](char c) {
                return isHexDigit(c) || c == ':' || c == '.';
            }))
            return false; // IPv6 only (no IPvFuture, no zone identifiers)
        hostPart = authority.first(close + 1);
        const QByteArrayView after = authority.sliced(close + 1);
        if (!after.isEmpty()) {
            if (after.front() != ':')
                return false;
            hasPort = true;
            portPart = after.sliced(1);
        }
    } else {
        const qsizetype colon = authority.indexOf(':');
        if (colon >= 0) {
            hostPart = authority.first(colon);
            portPart = authority.sliced(colon + 1);
            hasPort = true;
        }
        if (!isValidRegName(hostPart))
            return false;
    }
    if (portPart.size() > 5 || !std::all_of(portPart.begin(), portPart.end(), isDigit))
        return false;
    int portNumber = -1;
    if (hasPort && !portPart.isEmpty()) {
        portNumber = 0;
        for (const char c : portPart)
            portNumber = portNumber * 10 + (c - '0');
        if (portNumber > 65535)
            return false;
    }
    *host = hostPart.toByteArray();
    *port = portNumber;
    return true;
}

} // namespace RequestTarget
