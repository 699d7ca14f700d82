// Lives in the server thread (ChatServer owns it, as a QObject child). Rooms, direct messages
// (DMs) and typing on the wire (docs/PROTOCOL.md, "Rooms and direct messages"): the requests of
// the chat connections beyond a message to general (join_room, leave_room, topic, typing, a
// message to a room or a user), checked against the RoomDirectory and the registered names and
// handed to the CommitPipeline as events; the rooms of each connection as it comes and goes; and
// the fan-out of a commit whose events are not all general's (each conversation's stream to its
// members only).
#pragma once

#include "chattypes.h"
#include "commitpipeline.h"
#include "protocol.h"
#include "roomdirectory.h"

#include <QHash>
#include <QObject>

class ConnectionManager;
class DirectDelivery;
class HistoryStore;
class Registrations;

class Conversations final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Conversations)

public:
    Conversations(const ServerConfig &config, ConnectionManager *connections,
                  CommitPipeline *commits, const Registrations &registrations, HistoryStore *reader,
                  QObject *parent = nullptr);

    // Reads the live rooms and the registered users' memberships; false (with *error) when the
    // database cannot be read.
    bool load(QString *error);
    const RoomDirectory &rooms() const { return m_rooms; }
    // For the operator's changes of rooms (RoomAdministration).
    RoomDirectory &rooms() { return m_rooms; }
    DirectDelivery *directs() const { return m_directs; }

    // A valid frame other than a message to general, after flood control and the mute check.
    void handle(ClientId id, const Protocol::ParsedFrame &frame, qint64 nowMs);

    // A chat connection was admitted: it gets the rooms its user is in.
    void connected(ClientId id, const QString &userKey);
    // The welcome with the user's rooms and DM partners.
    QByteArray welcome(const QByteArray &welcome, const QString &userKey);
    // After the welcome: the DMs that came while the user was offline.
    void welcomed(ClientId id, const QString &userKey);
    // A chat connection is gone. The last of an unregistered user leaves its rooms (stored
    // leaves); a registered user's memberships stay.
    void disconnected(const ClientInfo &info, const QString &userKey, bool lastOfUser);

    // Around the delivery of a commit: joins take effect before it (the joiner gets room_joined,
    // then the room's stream), leaves after it (the leaver sees its own leave).
    void beforeDelivery(const CommitPipeline::Commit &commit);
    // For a commit with streams besides general's: what each member of those gets, overriding
    // what ConnectionManager::deliver() sends everyone else (commit.common).
    QHash<ClientId, QByteArray> compose(const CommitPipeline::Commit &commit) const;
    void afterDelivery(const CommitPipeline::Commit &commit);

private:
    void refuse(ClientId id, const QString &code, const QString &message, const QString &cid = {});
    void join(ClientId id, const QString &userKey, const QString &room, qint64 nowMs);
    void leave(ClientId id, const QString &userKey, const QString &room, qint64 nowMs);
    void setTopic(ClientId id, const Protocol::ParsedFrame &frame, qint64 nowMs);
    void message(ClientId id, const Protocol::ParsedFrame &frame, qint64 nowMs);
    void typing(ClientId id, const Protocol::ParsedFrame &frame, qint64 nowMs);
    // The registered name `to` stands for; refuses (and answers nothing) when the sender may not
    // write to it.
    const Registration *directTarget(ClientId id, const Protocol::ParsedFrame &frame);
    bool isRegistered(const QString &userKey) const;
    QList<ClientId> audience(const CommitPipeline::Stream &stream) const;

    int m_maxRooms;
    int m_maxRoomsPerUser;
    ConnectionManager *m_connections;
    CommitPipeline *m_commits;
    const Registrations &m_registrations;
    HistoryStore *m_reader;
    DirectDelivery *m_directs;
    RoomDirectory m_rooms;
    qint64 m_lastCommittedId = 0;
    QHash<QString, qint64> m_lastTyping; // user key + U+001F + conversation -> when relayed
};
