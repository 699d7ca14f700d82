// Any thread (inline helpers of the conversation tests): the identity secret each test user
// presents, as a client makes one (base64url characters, here readable), and the WebSocket URL
// that presents it, so that the name is registered and may take part in DMs.
#pragma once

#include "testsupport.h"

#include <QUrl>
#include <QUrlQuery>

inline QString identityOf(const QString &name)
{
    return QStringLiteral("identity-of-%1-0123456789abcdef").arg(name);
}

inline QUrl withIdentity(const TestServer &server, const QString &name)
{
    QUrl url = server.wsUrl(name);
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("identity"), identityOf(name));
    url.setQuery(query);
    return url;
}
