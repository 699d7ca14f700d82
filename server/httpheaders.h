// Request header lookups shared by the HTTP side. Pure functions, any thread.
#pragma once

#include <QByteArray>

class QHttpServerRequest;

namespace HttpHeaders {
// The value of a header (names compare case-insensitively); empty when absent.
QByteArray value(const QHttpServerRequest &request, const QByteArray &name);
// The same for a raw request head ("GET / HTTP/1.1\r\nName: value\r\n…"), before any parsing.
QByteArray value(const QByteArray &head, const QByteArray &name);
} // namespace HttpHeaders
