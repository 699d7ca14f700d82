// Lives in the server thread (Conversations owns it); a plain object. The rooms as the server
// thread knows them (docs/PROTOCOL.md, "Rooms"): each live room's topic, lock and newest event,
// its members (users, by comparison key: a registered member stays one while offline) and the
// connections its events go to. General, the room everyone is in, is listed with its topic and
// newest event but keeps no members: every chat connection gets its events.
#pragma once

#include "chattypes.h"
#include "protocol.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

class RoomDirectory final
{
public:
    struct Room
    {
        QString name;
        QString topic;
        bool locked = false;
        qint64 lastId = 0; // the newest stored event of the room, 0: none
        qint64 lastActivityMs = 0; // that event's time
        QMap<QString, QString> members; // comparison key -> username; empty for general
        QSet<ClientId> connections; // of the members online; empty for general
    };

    RoomDirectory() = default;
    Q_DISABLE_COPY_MOVE(RoomDirectory)

    // The live rooms as stored (general among them), at start.
    void addStored(const RoomInfo &room, qint64 lastId, qint64 lastActivityMs = 0);
    // The operator deleted the room: it and its members are forgotten (not general).
    void remove(const QString &room);
    bool contains(const QString &room) const { return m_rooms.contains(room); }
    const Room *find(const QString &room) const;
    int roomCount() const { return int(m_rooms.size()); }
    // Every room, general first, the others by name.
    QList<const Room *> rooms() const;

    // Membership by user; general is everyone's and not recorded. Adding creates the room.
    bool isMember(const QString &room, const QString &userKey) const;
    void addMember(const QString &room, const QString &userKey, const QString &username);
    void removeMember(const QString &room, const QString &userKey);
    // The rooms the user is in besides general, by name.
    QStringList roomsOf(const QString &userKey) const;

    // A member's connection gets the room's events (joining, or coming online).
    void addConnection(const QString &room, ClientId id);
    void removeConnection(const QString &room, ClientId id);
    // Every room of the user gets (or no longer gets) the connection.
    void connect(ClientId id, const QString &userKey);
    void disconnect(ClientId id, const QString &userKey);

    // A stored event of a room: its newest id, and a topic event's topic.
    void noteStored(const ChatEvent &event);
    void setLocked(const QString &room, bool locked);
    // What a client is told of a room (room_joined, the welcome's rooms); members sorted by name.
    Protocol::RoomState state(const QString &room) const;

private:
    Room &roomNamed(const QString &room);

    QHash<QString, Room> m_rooms;
    QHash<QString, QSet<QString>> m_roomsOf; // user key -> rooms besides general
};
