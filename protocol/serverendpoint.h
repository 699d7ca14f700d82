// Any thread (a value type). Where and as whom a client connects: what an invite carries.
#pragma once

#include "protocolconstants.h"

#include <QMetaType>
#include <QString>

struct ServerEndpoint
{
    QString host;
    quint16 port = Protocol::DefaultPort;
    QString token;
    QString username;
    bool tls = false; // wss:// and https:// (docs/PROTOCOL.md, "TLS")
    QString fingerprint; // the pinned SHA-256 of the server's certificate; empty: none yet
    // The identity secret sent with the connect (docs/PROTOCOL.md, "Identities and registered
    // names"); empty: none. Never part of an invite link or the recent servers.
    QString identity;

    bool isComplete() const
    {
        return !host.isEmpty() && port != 0 && !username.trimmed().isEmpty();
    }
    // "host:port" with IPv6 addresses in brackets.
    QString authority() const;
};

Q_DECLARE_METATYPE(ServerEndpoint)
