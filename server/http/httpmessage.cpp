#include "httpmessage.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

// RFC 9110 5.6.7 IMF-fixdate, computed once per second.
QByteArray httpDate()
{
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cached;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 second = now.toSecsSinceEpoch();
    if (second != cachedSecond) {
        cachedSecond = second;
        cached = QLocale::c().toString(now, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
    }
    return cached;
}

} // namespace

QUrlQuery HttpRequest::query() const
{
    return QUrlQuery(QString::fromLatin1(head.query));
}

HttpResponse::HttpResponse(int statusCode, const QByteArray &contentType, const QByteArray &content)
    : status(statusCode), body(content)
{
    headers.append({"Content-Type"_ba, contentType});
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &header : headers) {
        if (QByteArrayView(header.first).compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

HttpResponse HttpResponse::json(const QJsonObject &object, int status)
{
    return HttpResponse(status, "application/json"_ba,
                        QJsonDocument(object).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::jsonError(int status, const QString &code, const QString &message)
{
    return json(
        QJsonObject {{"error"_L1, QJsonObject {{"code"_L1, code}, {"message"_L1, message}}}},
        status);
}

HttpResponse HttpResponse::refusal(int status, const QByteArray &message)
{
    HttpResponse response(status, "text/plain; charset=utf-8"_ba, message + '\n');
    response.setHeader("Cache-Control"_ba, "no-store"_ba);
    response.setHeader("X-Content-Type-Options"_ba, "nosniff"_ba);
    response.closeConnection = true;
    return response;
}

QByteArray HttpResponse::serializeHead(bool keepAlive, bool http10) const
{
    QByteArray head;
    head.reserve(256 + 64 * headers.size());
    head += "HTTP/1.1 " + QByteArray::number(status) + ' '
            + (reason.isEmpty() ? reasonPhrase(status) : reason) + "\r\nDate: " + httpDate()
            + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    if (mayHaveContent())
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (!keepAlive || closeConnection)
        head += "Connection: close\r\n";
    else if (http10)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";
    return head;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 417:
        return "Expectation Failed";
    case 421:
        return "Misdirected Request";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}
