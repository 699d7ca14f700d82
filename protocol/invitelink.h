// Any thread (a value type). Parses what a host hands out to join: the host window's
// "Copy invite" text, a lanchat://HOST:PORT?token=…[&username=…][&fp=…] link, or the browser
// link http(s)://HOST:PORT/?token=…. fp= is the SHA-256 fingerprint of the server's TLS
// certificate and means TLS; so do tls=1 and an https:// link.
#pragma once

#include "serverendpoint.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

class InviteLink final
{
    Q_DECLARE_TR_FUNCTIONS(InviteLink)

public:
    InviteLink() = default;
    // Finds the first lanchat:// link in the text (or else the first http:// link).
    static InviteLink parse(const QString &text);
    static InviteLink fromEndpoint(const ServerEndpoint &endpoint);

    bool isValid() const { return m_error.isEmpty() && !m_endpoint.host.isEmpty(); }
    QString errorString() const { return m_error; }
    bool hasUsername() const { return !m_endpoint.username.trimmed().isEmpty(); }
    bool hasToken() const { return !m_endpoint.token.isEmpty(); }
    ServerEndpoint endpoint() const { return m_endpoint; }
    QString host() const { return m_endpoint.host; }
    quint16 port() const { return m_endpoint.port; }
    QString token() const { return m_endpoint.token; }
    QString username() const { return m_endpoint.username; }
    bool isTls() const { return m_endpoint.tls; }
    QString fingerprint() const { return m_endpoint.fingerprint; }
    // lanchat://host:port?token=…[&username=…][&fp=…|&tls=1]
    QUrl toUrl(bool withToken = true) const;
    // toUrl() as text to hand out: every value percent-encoded (# & % + = space, non-ASCII), so
    // that it stays one word that parse() finds in any text and reads back unchanged.
    QString toString(bool withToken = true) const;
    // The browser client's page on the same server, http(s)://host:port/?token=… (https with
    // TLS): what the invite's browser lines and the QR code for phones carry.
    QUrl toBrowserUrl() const;
    QString toBrowserString() const;

private:
    static InviteLink failure(const QString &error);

    ServerEndpoint m_endpoint;
    QString m_error;
};
