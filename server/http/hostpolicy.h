// Lives in the server thread. Which host names in a request (its Host field, or the authority of
// an absolute URL) mean this server (docs/PROTOCOL.md, "Host names"): its addresses, its host name
// and <host name>.local, localhost and names under .localhost, and names the operator adds
// (--allow-host). A page on any other name can reach this server only through DNS rebinding, so
// HTTP requests for it get 421 and WebSocket connections are closed with 1008.
#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

class HostPolicy final
{
public:
    // How often the machine's addresses are looked up again when a request names an unknown one.
    static constexpr int RefreshIntervalMs = 2000;

    // extraNames: further names (case-insensitive); "*" accepts any name (for a server behind a
    // proxy that checks names itself).
    explicit HostPolicy(const QStringList &extraNames = {});

    // host: the host part of an authority ("name", "192.0.2.7", "[fe80::1]" or "fe80::1"), no
    // port. localAddress: the address the connection came in on, which is always this server.
    bool allows(const QString &host, const QHostAddress &localAddress);

private:
    bool isOwnAddress(const QHostAddress &address, const QHostAddress &localAddress);
    void refresh();

    QSet<QString> m_extraNames; // lower case, without a final dot
    QSet<QString> m_ownNames; // the host name and its .local form
    QList<QHostAddress> m_addresses; // of every interface
    QElapsedTimer m_refreshed;
    bool m_anyName = false;
};
