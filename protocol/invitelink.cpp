#include "invitelink.h"

#include "fingerprint.h"

#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

InviteLink InviteLink::failure(const QString &error)
{
    InviteLink link;
    link.m_error = error;
    return link;
}

InviteLink InviteLink::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return failure(tr("The invite is empty."));

    static const QRegularExpression lanchatLink(u"lanchat://\\S+"_s,
                                                QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression browserLink(u"https?://\\S+"_s,
                                                QRegularExpression::CaseInsensitiveOption);
    QRegularExpressionMatch match = lanchatLink.match(trimmed);
    if (!match.hasMatch())
        match = browserLink.match(trimmed);
    if (!match.hasMatch())
        return failure(tr("No lanchat:// link found in the invite."));

    const QUrl url(match.captured(0), QUrl::StrictMode);
    if (!url.isValid())
        return failure(tr("The link is malformed: %1").arg(url.errorString()));
    if (url.host().isEmpty())
        return failure(tr("The link names no host."));
    if (url.port() == 0)
        return failure(tr("The port must be from 1 to 65535."));

    InviteLink link;
    link.m_endpoint.host = url.host();
    link.m_endpoint.port = url.port() > 0 ? quint16(url.port()) : Protocol::DefaultPort;
    const QUrlQuery query(url);
    link.m_endpoint.token = query.queryItemValue(u"token"_s, QUrl::FullyDecoded);
    link.m_endpoint.username = query.queryItemValue(u"username"_s, QUrl::FullyDecoded).trimmed();
    if (query.hasQueryItem(u"fp"_s)) {
        link.m_endpoint.fingerprint
            = Fingerprint::normalized(query.queryItemValue(u"fp"_s, QUrl::FullyDecoded));
        if (link.m_endpoint.fingerprint.isEmpty())
            return failure(tr("The certificate fingerprint in the link is malformed."));
    }
    link.m_endpoint.tls = !link.m_endpoint.fingerprint.isEmpty()
                          || query.queryItemValue(u"tls"_s) == "1"_L1
                          || url.scheme().compare("https"_L1, Qt::CaseInsensitive) == 0;
    return link;
}

InviteLink InviteLink::fromEndpoint(const ServerEndpoint &endpoint)
{
    InviteLink link;
    link.m_endpoint = endpoint;
    return link;
}

namespace {
// A query value as QUrlQuery takes it: already percent-encoded, so that '%', '&', '#', '+' and
// '=' in it are data, not delimiters.
QString encodedValue(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}
} // namespace

QUrl InviteLink::toUrl(bool withToken) const
{
    QUrl url;
    url.setScheme(u"lanchat"_s);
    url.setHost(m_endpoint.host);
    url.setPort(m_endpoint.port);
    QUrlQuery query;
    if (withToken && !m_endpoint.token.isEmpty())
        query.addQueryItem(u"token"_s, encodedValue(m_endpoint.token));
    if (!m_endpoint.username.isEmpty())
        query.addQueryItem(u"username"_s, encodedValue(m_endpoint.username));
    if (!m_endpoint.fingerprint.isEmpty())
        query.addQueryItem(u"fp"_s, m_endpoint.fingerprint);
    else if (m_endpoint.tls)
        query.addQueryItem(u"tls"_s, u"1"_s);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QString InviteLink::toString(bool withToken) const
{
    return toUrl(withToken).toString(QUrl::FullyEncoded);
}

QUrl InviteLink::toBrowserUrl() const
{
    QUrl url;
    url.setScheme(m_endpoint.tls ? u"https"_s : u"http"_s);
    url.setHost(m_endpoint.host);
    url.setPort(m_endpoint.port);
    url.setPath(u"/"_s);
    if (!m_endpoint.token.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(u"token"_s, encodedValue(m_endpoint.token));
        url.setQuery(query);
    }
    return url;
}

QString InviteLink::toBrowserString() const
{
    return toBrowserUrl().toString(QUrl::FullyEncoded);
}
