// Value types, any thread. An HTTP request as a route sees it, and the response it answers with;
// HttpConnection reads the one and writes the other (docs/PROTOCOL.md, "HTTP API").
#pragma once

#include "httprequestparser.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrlQuery>

struct HttpRequest
{
    HttpRequestParser::RequestHead head;
    QHostAddress peerAddress;
    QHostAddress localAddress;
    quint16 localPort = 0;
    bool encrypted = false;

    const QString &path() const { return head.path; }
    QByteArray header(QByteArrayView name) const { return head.value(name); }
    QUrlQuery query() const;
    bool isGetOrHead() const
    {
        return head.method == HttpRequestParser::Method::Get || head.isHead();
    }
};

struct HttpResponse
{
    int status = 200;
    QByteArray reason; // empty: the standard reason phrase of the status
    QList<QPair<QByteArray, QByteArray>> headers; // besides Date, Content-Length, Connection
    QByteArray body; // sent for every request but HEAD, whose Content-Length still counts it
    bool closeConnection = false; // close once it is sent, whatever the request asked

    HttpResponse() = default;
    HttpResponse(int statusCode, const QByteArray &contentType, const QByteArray &content);

    // Replaces a header of that name, or adds it.
    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;

    // {"error": {"code": …, "message": …}} (docs/PROTOCOL.md, "HTTP API").
    static HttpResponse jsonError(int status, const QString &code, const QString &message);
    static HttpResponse json(const QJsonObject &object, int status = 200);
    // A refusal before any route (a malformed request, a wrong Host): plain text, closes.
    static HttpResponse refusal(int status, const QByteArray &message);

    // 1xx, 204 and 304 responses never have content (RFC 9110 6.4.1).
    bool mayHaveContent() const { return status >= 200 && status != 204 && status != 304; }
    // The status line and the header section: Date, the headers, Content-Length, and
    // "Connection: close" when the connection ends after it (keep-alive for an HTTP/1.0 client
    // that asked for it).
    QByteArray serializeHead(bool keepAlive, bool http10) const;
    static QByteArray reasonPhrase(int status);
};
