// Lives in the server thread (ChatServer owns it; HttpApi reads it); a plain object, the clock
// comes in as nowMs. The sessions of docs/PROTOCOL.md ("Sessions"): one random credential per
// chat connection, sent in its welcome, that proves over HTTP which user a request is. Valid while
// the connection is open and for a grace period after it closed. Kept by the SHA-256 of the
// credential: a lookup's timing tells nothing about the credentials there are.
#pragma once

#include "chattypes.h"

#include <QByteArray>
#include <QHash>

#include <deque>
#include <optional>
#include <utility>

class Sessions final
{
public:
    // The random bytes of a session: 256 bits, 43 characters of base64url.
    static constexpr int RandomBytes = 32;

    // Who a session belongs to.
    struct Holder
    {
        QString username;
        QString userKey;
        bool registered = false;
    };

    explicit Sessions(int graceMs) : m_graceMs(graceMs) { }

    // A new session for the connection; returns the credential (never logged).
    QString open(ClientId id, const Holder &holder);
    // The connection closed: its session ends after the grace period.
    void close(ClientId id, qint64 nowMs);
    // The holder of a valid session; nothing for an unknown or expired one.
    std::optional<Holder> find(const QString &session, qint64 nowMs) const;
    int count() const { return int(m_byHash.size()); }

private:
    struct Entry
    {
        Holder holder;
        qint64 expiresMs = 0; // 0: the connection is open
    };
    void dropExpired(qint64 nowMs);

    int m_graceMs;
    QHash<QByteArray, Entry> m_byHash;
    QHash<ClientId, QByteArray> m_hashByClient; // open connections only
    // Closed sessions in the order they expire (the grace period is the same for all).
    std::deque<std::pair<qint64, QByteArray>> m_closed;
};
