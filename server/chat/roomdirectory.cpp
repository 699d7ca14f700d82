#include "roomdirectory.h"

#include <algorithm>

void RoomDirectory::addStored(const RoomInfo &info, qint64 lastId, qint64 lastActivityMs)
{
    Room &room = roomNamed(info.name);
    room.topic = info.topic;
    room.locked = info.locked;
    room.lastId = lastId;
    room.lastActivityMs = lastActivityMs;
}

void RoomDirectory::remove(const QString &name)
{
    const auto it = m_rooms.find(name);
    if (it == m_rooms.end() || name == Protocol::DefaultRoom)
        return;
    for (auto member = it->members.cbegin(); member != it->members.cend(); ++member) {
        if (const auto rooms = m_roomsOf.find(member.key()); rooms != m_roomsOf.end()) {
            rooms->remove(name);
            if (rooms->isEmpty())
                m_roomsOf.erase(rooms);
        }
    }
    m_rooms.erase(it);
}

RoomDirectory::Room &RoomDirectory::roomNamed(const QString &name)
{
    auto it = m_rooms.find(name);
    if (it == m_rooms.end()) {
        it = m_rooms.insert(name, Room());
        it->name = name;
    }
    return *it;
}

const RoomDirectory::Room *RoomDirectory::find(const QString &room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.cend() ? nullptr : &*it;
}

QList<const RoomDirectory::Room *> RoomDirectory::rooms() const
{
    QList<const Room *> list;
    list.reserve(m_rooms.size());
    for (const Room &room : m_rooms)
        list.append(&room);
    std::sort(list.begin(), list.end(), [](const Room *a, const Room *b) {
        const bool aGeneral = a->name == Protocol::DefaultRoom;
        const bool bGeneral = b->name == Protocol::DefaultRoom;
        return aGeneral != bGeneral ? aGeneral : a->name < b->name;
    });
    return list;
}

bool RoomDirectory::isMember(const QString &room, const QString &userKey) const
{
    if (room == Protocol::DefaultRoom)
        return true;
    const auto it = m_roomsOf.constFind(userKey);
    return it != m_roomsOf.cend() && it->contains(room);
}

void RoomDirectory::addMember(const QString &room, const QString &userKey, const QString &username)
{
    if (room == Protocol::DefaultRoom)
        return;
    roomNamed(room).members.insert(userKey, username);
    m_roomsOf[userKey].insert(room);
}

void RoomDirectory::removeMember(const QString &room, const QString &userKey)
{
    if (const auto it = m_rooms.find(room); it != m_rooms.end())
        it->members.remove(userKey);
    if (const auto it = m_roomsOf.find(userKey); it != m_roomsOf.end()) {
        it->remove(room);
        if (it->isEmpty())
            m_roomsOf.erase(it);
    }
}

QStringList RoomDirectory::roomsOf(const QString &userKey) const
{
    QStringList names(m_roomsOf.value(userKey).cbegin(), m_roomsOf.value(userKey).cend());
    names.sort();
    return names;
}

void RoomDirectory::addConnection(const QString &room, ClientId id)
{
    if (const auto it = m_rooms.find(room); it != m_rooms.end() && room != Protocol::DefaultRoom)
        it->connections.insert(id);
}

void RoomDirectory::removeConnection(const QString &room, ClientId id)
{
    if (const auto it = m_rooms.find(room); it != m_rooms.end())
        it->connections.remove(id);
}

void RoomDirectory::connect(ClientId id, const QString &userKey)
{
    for (const QString &room : m_roomsOf.value(userKey))
        addConnection(room, id);
}

void RoomDirectory::disconnect(ClientId id, const QString &userKey)
{
    for (const QString &room : m_roomsOf.value(userKey))
        removeConnection(room, id);
}

void RoomDirectory::noteStored(const ChatEvent &event)
{
    if (event.isDirect())
        return;
    // A room the operator deleted while its event waited for the commit stays deleted.
    const auto it = m_rooms.find(event.room.isEmpty() ? Protocol::defaultRoom() : event.room);
    if (it == m_rooms.end())
        return;
    Room &room = *it;
    room.lastId = std::max(room.lastId, event.id);
    room.lastActivityMs = std::max(room.lastActivityMs, event.timestampMs);
    if (event.kind == ChatEvent::Kind::Topic)
        room.topic = event.text;
}

void RoomDirectory::setLocked(const QString &room, bool locked)
{
    if (const auto it = m_rooms.find(room); it != m_rooms.end())
        it->locked = locked;
}

Protocol::RoomState RoomDirectory::state(const QString &name) const
{
    Protocol::RoomState state;
    state.room = name;
    const Room *room = find(name);
    if (!room)
        return state;
    state.topic = room->topic;
    state.locked = room->locked;
    state.lastId = room->lastId;
    state.members = room->members.values();
    std::sort(state.members.begin(), state.members.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    return state;
}
