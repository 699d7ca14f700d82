#include "conversations.h"

#include "connectionmanager.h"
#include "directdelivery.h"
#include "historystore.h"
#include "logging.h"
#include "pendingevents.h"
#include "registrations.h"
#include "usernamerules.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

Conversations::Conversations(const ServerConfig &config, ConnectionManager *connections,
                             CommitPipeline *commits, const Registrations &registrations,
                             HistoryStore *reader, QObject *parent)
    : QObject(parent),
      m_maxRooms(config.maxRooms),
      m_maxRoomsPerUser(config.maxRoomsPerUser),
      m_connections(connections),
      m_commits(commits),
      m_registrations(registrations),
      m_reader(reader),
      m_directs(new DirectDelivery(reader, connections, this))
{ }

bool Conversations::load(QString *error)
{
    QList<RoomInfo> rooms;
    if (!m_reader->rooms(&rooms)) {
        *error = m_reader->lastError();
        return false;
    }
    for (const RoomInfo &room : std::as_const(rooms)) {
        HistoryQuery newest;
        newest.room = room.name;
        newest.limit = 1;
        HistoryPage page;
        if (!m_reader->page(newest, &page)) {
            *error = m_reader->lastError();
            return false;
        }
        m_rooms.addStored(room, page.events.isEmpty() ? 0 : page.events.constLast().id,
                          page.events.isEmpty() ? 0 : page.events.constLast().timestampMs);
    }
    if (!m_rooms.contains(Protocol::defaultRoom()))
        m_rooms.addStored(RoomInfo {Protocol::defaultRoom(), {}, false, 0, {}, 0}, 0);
    for (const Registration &registration : m_registrations.all()) {
        QStringList names;
        if (!m_reader->memberships(registration.userKey, &names)) {
            *error = m_reader->lastError();
            return false;
        }
        for (const QString &room : std::as_const(names))
            m_rooms.addMember(room, registration.userKey, registration.username);
    }
    m_lastCommittedId = m_reader->lastId();
    return true;
}

void Conversations::handle(ClientId id, const Protocol::ParsedFrame &frame, qint64 nowMs)
{
    const QString userKey = m_connections->usernameKey(id);
    switch (frame.request) {
    case Protocol::Request::Message:
        return message(id, frame, nowMs);
    case Protocol::Request::JoinRoom:
        return join(id, userKey, frame.room, nowMs);
    case Protocol::Request::LeaveRoom:
        return leave(id, userKey, frame.room, nowMs);
    case Protocol::Request::Topic:
        return setTopic(id, frame, nowMs);
    case Protocol::Request::Typing:
        return typing(id, frame, nowMs);
    }
}

void Conversations::refuse(ClientId id, const QString &code, const QString &message,
                           const QString &cid)
{
    m_connections->sendTo(id, Protocol::errorFrame(code, message, cid));
}

bool Conversations::isRegistered(const QString &userKey) const
{
    return m_registrations.byKey(userKey) != nullptr;
}

void Conversations::join(ClientId id, const QString &userKey, const QString &room, qint64 nowMs)
{
    if (room == Protocol::DefaultRoom)
        return refuse(id, Protocol::Error::InvalidRoom,
                      u"You are always in %1: it is the room everyone is in."_s.arg(room));
    if (m_rooms.isMember(room, userKey)) // nothing changes: this connection is told again
        return m_connections->sendTo(id, Protocol::roomJoinedFrame(m_rooms.state(room)));
    if (!m_rooms.contains(room) && m_rooms.roomCount() >= m_maxRooms)
        return refuse(
            id, Protocol::Error::RoomsFull,
            u"The server has as many rooms as it allows (%1): join one of them."_s.arg(m_maxRooms));
    if (m_rooms.roomsOf(userKey).size() >= m_maxRoomsPerUser)
        return refuse(id, Protocol::Error::TooManyRooms,
                      u"You are in %1 rooms besides %2, the most allowed: leave one first."_s
                          .arg(m_maxRoomsPerUser)
                          .arg(Protocol::DefaultRoom));
    const QString username = m_connections->info(id).username;
    m_rooms.addMember(room, userKey, username);
    PendingEvent pending = PendingEvents::join(username, userKey, false, nowMs);
    pending.event.room = room;
    m_commits->enqueue(pending);
}

void Conversations::leave(ClientId id, const QString &userKey, const QString &room, qint64 nowMs)
{
    if (room == Protocol::DefaultRoom)
        return refuse(id, Protocol::Error::InvalidRoom,
                      u"Nobody leaves %1: it is the room everyone is in."_s.arg(room));
    if (!m_rooms.contains(room))
        return refuse(id, Protocol::Error::UnknownRoom, u"There is no room %1."_s.arg(room));
    if (!m_rooms.isMember(room, userKey))
        return refuse(id, Protocol::Error::NotMember, u"You are not in %1."_s.arg(room));
    m_rooms.removeMember(room, userKey);
    PendingEvent pending
        = PendingEvents::departure(m_connections->info(id).username, false, {}, nowMs);
    pending.event.room = room;
    m_commits->enqueue(pending);
}

void Conversations::setTopic(ClientId id, const Protocol::ParsedFrame &frame, qint64 nowMs)
{
    const QString userKey = m_connections->usernameKey(id);
    const RoomDirectory::Room *room = m_rooms.find(frame.room);
    if (!room)
        return refuse(id, Protocol::Error::UnknownRoom, u"There is no room %1."_s.arg(frame.room),
                      frame.cid);
    if (!m_rooms.isMember(frame.room, userKey))
        return refuse(id, Protocol::Error::NotMember, u"You are not in %1."_s.arg(frame.room),
                      frame.cid);
    if (room->locked)
        return refuse(id, Protocol::Error::RoomLocked,
                      u"The operator locked %1: its topic stays as it is."_s.arg(frame.room),
                      frame.cid);
    m_commits->enqueue(PendingEvents::topic(id, m_connections->info(id), userKey, frame.room,
                                            frame.topic, frame.cid, nowMs));
}

const Registration *Conversations::directTarget(ClientId id, const Protocol::ParsedFrame &frame)
{
    if (!isRegistered(m_connections->usernameKey(id))) {
        refuse(id, Protocol::Error::IdentityRequired,
               u"Direct messages need a registered name: connect with an identity."_s, frame.cid);
        return nullptr;
    }
    const Registration *target = m_registrations.byKey(UsernameRules::comparisonKey(frame.to));
    if (!target)
        refuse(id, Protocol::Error::UnknownUser,
               u"Nobody has registered the name %1."_s.arg(frame.to.left(UsernameRules::MaxLength)),
               frame.cid);
    return target;
}

void Conversations::message(ClientId id, const Protocol::ParsedFrame &frame, qint64 nowMs)
{
    const QString userKey = m_connections->usernameKey(id);
    PendingEvent pending = PendingEvents::message(id, m_connections->info(id), userKey,
                                                  frame.message.text, frame.message.cid, nowMs);
    if (!frame.to.isEmpty()) {
        const Registration *target = directTarget(id, frame);
        if (!target)
            return;
        pending.event.room.clear();
        pending.event.to = target->username;
        pending.recipientKey = target->userKey;
    } else if (!m_rooms.isMember(frame.room, userKey)) {
        return refuse(id, Protocol::Error::NotMember,
                      u"You are not in %1: join it first."_s.arg(frame.room), frame.cid);
    } else {
        pending.event.room = frame.room;
    }
    m_commits->enqueue(pending);
}

// Never stored; at most one per TypingIntervalMs, user and conversation (more are dropped).
void Conversations::typing(ClientId id, const Protocol::ParsedFrame &frame, qint64 nowMs)
{
    const QString userKey = m_connections->usernameKey(id);
    const Registration *target = nullptr;
    if (!frame.to.isEmpty()) {
        if (!(target = directTarget(id, frame)))
            return;
    } else if (!m_rooms.isMember(frame.room, userKey)) {
        return refuse(id, Protocol::Error::NotMember, u"You are not in %1."_s.arg(frame.room));
    }
    const QString conversation = target ? u'@' + target->userKey : frame.room;
    qint64 &last = m_lastTyping[userKey + u'\x1f' + conversation];
    if (last != 0 && nowMs - last < Protocol::Limits::TypingIntervalMs && nowMs >= last)
        return;
    last = nowMs;
    if (m_lastTyping.size() > 4096) // forget the stale ones now and then
        m_lastTyping.removeIf([nowMs](const auto &entry) {
            return nowMs - entry.value() >= Protocol::Limits::TypingIntervalMs;
        });

    const QList<ClientId> own = m_connections->connectionsOf(userKey);
    const QByteArray framed = Protocol::textFrame(Protocol::typingFrame(
        frame.room, target ? target->username : QString(), m_connections->info(id).username));
    if (target) {
        if (target->userKey != userKey)
            for (const ClientId client : m_connections->connectionsOf(target->userKey))
                m_connections->sendFramed(client, framed);
    } else if (frame.room == Protocol::DefaultRoom) {
        QHash<ClientId, QByteArray> nothing; // the typist's own connections get nothing
        for (const ClientId client : own)
            nothing.insert(client, {});
        m_connections->deliver(framed, nothing);
    } else if (const RoomDirectory::Room *room = m_rooms.find(frame.room)) {
        for (const ClientId client : room->connections)
            if (!own.contains(client))
                m_connections->sendFramed(client, framed);
    }
}

void Conversations::connected(ClientId id, const QString &userKey)
{
    m_rooms.connect(id, userKey);
}

QByteArray Conversations::welcome(const QByteArray &welcome, const QString &userKey)
{
    QJsonArray rooms {Protocol::roomToJson(m_rooms.state(Protocol::defaultRoom()))};
    for (const QString &room : m_rooms.roomsOf(userKey))
        rooms.append(Protocol::roomToJson(m_rooms.state(room)));
    return Protocol::withConversations(
        welcome, rooms, isRegistered(userKey) ? m_directs->partnersJson(userKey) : QJsonArray());
}

void Conversations::welcomed(ClientId id, const QString &userKey)
{
    if (isRegistered(userKey))
        m_directs->replay(id, userKey, m_lastCommittedId);
}

void Conversations::disconnected(const ClientInfo &info, const QString &userKey, bool lastOfUser)
{
    for (const RoomDirectory::Room *room : m_rooms.rooms())
        m_rooms.removeConnection(room->name, info.id);
    if (!lastOfUser || isRegistered(userKey))
        return;
    // An unregistered user's rooms last as long as its connection.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString &room : m_rooms.roomsOf(userKey)) {
        m_rooms.removeMember(room, userKey);
        PendingEvent pending = PendingEvents::departure(info.username, false, {}, now);
        pending.event.room = room;
        m_commits->enqueue(pending);
    }
}

void Conversations::beforeDelivery(const CommitPipeline::Commit &commit)
{
    for (const ChatEvent &event : commit.events) {
        m_lastCommittedId = std::max(m_lastCommittedId, event.id);
        m_rooms.noteStored(event);
        if (event.kind != ChatEvent::Kind::Join || event.isDirect()
            || event.room == Protocol::DefaultRoom)
            continue;
        const QString userKey = UsernameRules::comparisonKey(event.username);
        if (!m_rooms.isMember(event.room, userKey))
            continue; // left again meanwhile
        const QList<ClientId> clients = m_connections->connectionsOf(userKey);
        const QByteArray joined = Protocol::roomJoinedFrame(m_rooms.state(event.room));
        for (const ClientId client : clients) {
            m_rooms.addConnection(event.room, client);
            m_connections->sendTo(client, joined);
        }
    }
}

QList<ClientId> Conversations::audience(const CommitPipeline::Stream &stream) const
{
    QSet<ClientId> clients;
    if (!stream.room.isEmpty()) {
        if (const RoomDirectory::Room *room = m_rooms.find(stream.room))
            clients = room->connections;
    } else {
        for (const QString &key : {stream.fromKey, stream.toKey})
            for (const ClientId client : m_connections->connectionsOf(key))
                clients.insert(client);
    }
    for (auto it = stream.personal.cbegin(); it != stream.personal.cend(); ++it)
        clients.insert(it.key()); // a sender is told what became of its frame
    return QList<ClientId>(clients.cbegin(), clients.cend());
}

// Each member of a conversation in the batch gets that conversation's stream; one in several
// gets them one after the other, in the order of their first ids, with general's among them.
QHash<ClientId, QByteArray> Conversations::compose(const CommitPipeline::Commit &commit) const
{
    struct Part
    {
        qint64 firstId;
        const QByteArray *common;
        const QHash<ClientId, QByteArray> *personal;
        QSet<ClientId> audience; // empty for general: everyone
    };
    QList<Part> parts;
    if (commit.generalFirstId != 0)
        parts.append({commit.generalFirstId, &commit.common, &commit.personal, {}});
    QSet<ClientId> touched;
    for (const CommitPipeline::Stream &stream : commit.streams) {
        const QList<ClientId> clients = audience(stream);
        touched.unite(QSet<ClientId>(clients.cbegin(), clients.cend()));
        parts.append({stream.firstId, &stream.common, &stream.personal,
                      QSet<ClientId>(clients.cbegin(), clients.cend())});
    }
    std::stable_sort(parts.begin(), parts.end(),
                     [](const Part &a, const Part &b) { return a.firstId < b.firstId; });
    QHash<ClientId, QByteArray> out = commit.personal;
    for (const ClientId client : std::as_const(touched)) {
        QByteArray bytes;
        for (const Part &part : std::as_const(parts)) {
            if (part.common != &commit.common && !part.audience.contains(client))
                continue;
            const auto own = part.personal->constFind(client);
            bytes += own == part.personal->cend() ? *part.common : own.value();
        }
        out.insert(client, bytes);
    }
    return out;
}

void Conversations::afterDelivery(const CommitPipeline::Commit &commit)
{
    for (const ChatEvent &event : commit.events) {
        if ((event.kind != ChatEvent::Kind::Leave && event.kind != ChatEvent::Kind::Kick)
            || event.isDirect() || event.room == Protocol::DefaultRoom)
            continue;
        const QString userKey = UsernameRules::comparisonKey(event.username);
        if (m_rooms.isMember(event.room, userKey))
            continue; // joined again meanwhile
        for (const ClientId client : m_connections->connectionsOf(userKey))
            m_rooms.removeConnection(event.room, client);
    }
    m_directs->noteDelivered(commit.events);
}

#include "moc_conversations.cpp"
