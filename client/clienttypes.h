// Value types of the chat client (any thread): plain copyable data, no QObject, no pointers.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

// One event of the chat as the client shows it (docs/PROTOCOL.md, "Server to client").
struct ChatEntry
{
    enum class Kind : quint8 { Message, Join, Leave, Kick, Announcement };

    qint64 id = 0;
    qint64 timestampMs = 0; // UTC milliseconds since the epoch
    Kind kind = Kind::Message;
    QString username;
    QString text; // message or announcement text; the reason of a kick
    QString cid; // set only on the acknowledgement of one of our own messages
    bool own = false; // written by the user this client is connected as
};

// A message the user wrote that the server has not acknowledged yet.
struct OutgoingMessage
{
    QString cid;
    QString text;
    qint64 createdMs = 0;
};

// Where and as whom to connect.
struct ServerEndpoint
{
    QString host;
    quint16 port = 8787;
    QString token;
    QString username;
    bool tls = false; // wss:// and https:// (docs/PROTOCOL.md, "TLS")
    QString fingerprint; // the pinned SHA-256 of the server's certificate; empty: none yet

    bool isComplete() const
    {
        return !host.isEmpty() && port != 0 && !username.trimmed().isEmpty();
    }
    // "host:port" with IPv6 addresses in brackets.
    QString authority() const;
};

namespace ClientProtocol {
// Parses a frame or history object into an entry; false when it is not a chat event.
bool entryFromJson(const QJsonObject &object, ChatEntry *entry);
// The server's comparison of usernames, approximated (case folding after NFKC).
QString usernameKey(const QString &username);

} // namespace ClientProtocol

Q_DECLARE_METATYPE(ChatEntry)
Q_DECLARE_METATYPE(OutgoingMessage)
Q_DECLARE_METATYPE(ServerEndpoint)
