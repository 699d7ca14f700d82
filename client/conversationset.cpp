#include "conversationset.h"

#include "namesort.h"
#include "timelinesync.h"
#include "usernamerules.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
QStringList sortedNames(const QJsonArray &array)
{
    QStringList names;
    for (const QJsonValue &value : array)
        names.append(value.toString());
    sortNames(&names);
    return names;
}

bool sameUser(const QString &a, const QString &b)
{
    return UsernameRules::comparisonKey(a.trimmed()) == UsernameRules::comparisonKey(b.trimmed());
}
} // namespace

ConversationSet::ConversationSet(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{
    add(ConversationId::general());
}

ConversationSet::~ConversationSet() = default;

void ConversationSet::setEndpoint(const ServerEndpoint &endpoint)
{
    m_endpoint = endpoint;
    for (Entry &entry : m_entries)
        entry.timeline->setEndpoint(endpoint);
}

void ConversationSet::setRequestTimeout(int ms)
{
    m_requestTimeoutMs = ms;
    for (Entry &entry : m_entries)
        entry.timeline->setRequestTimeout(ms);
}

void ConversationSet::setPageSize(int size)
{
    m_pageSize = size;
    for (Entry &entry : m_entries)
        entry.timeline->setPageSize(size);
}

void ConversationSet::setOwnKey(const QString &key)
{
    m_ownKey = key;
    for (Entry &entry : m_entries)
        entry.timeline->setOwnKey(key);
}

void ConversationSet::setSession(const QString &session)
{
    m_session = session;
    for (Entry &entry : m_entries)
        entry.timeline->setSession(session);
}

QList<ConversationInfo> ConversationSet::conversations() const
{
    QList<ConversationInfo> result;
    result.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        result.append(entry.info);
    std::sort(result.begin(), result.end(),
              [](const ConversationInfo &a, const ConversationInfo &b) {
                  if (a.id.kind != b.id.kind)
                      return a.id.kind == ConversationId::Kind::Room;
                  if (a.id.isGeneral() != b.id.isGeneral())
                      return a.id.isGeneral();
                  return a.id.name.compare(b.id.name, Qt::CaseInsensitive) < 0;
              });
    return result;
}

ConversationInfo ConversationSet::info(const ConversationId &id) const
{
    const auto it = m_entries.constFind(id.key());
    return it == m_entries.cend() ? ConversationInfo {id, {}, false, {}} : it->info;
}

TimelineSync *ConversationSet::timeline(const ConversationId &id) const
{
    const auto it = m_entries.constFind(id.key());
    return it == m_entries.cend() ? nullptr : it->timeline;
}

bool ConversationSet::hasOlder(const ConversationId &id) const
{
    const TimelineSync *sync = timeline(id);
    return sync && sync->hasOlder();
}

bool ConversationSet::isLoadingOlder(const ConversationId &id) const
{
    const TimelineSync *sync = timeline(id);
    return sync && sync->isLoadingOlder();
}

qint64 ConversationSet::oldestId(const ConversationId &id) const
{
    const TimelineSync *sync = timeline(id);
    return sync ? sync->oldestId() : 0;
}

qint64 ConversationSet::newestId(const ConversationId &id) const
{
    const TimelineSync *sync = timeline(id);
    return sync ? sync->newestId() : 0;
}

qint64 ConversationSet::historyEnd(const ConversationId &id) const
{
    const TimelineSync *sync = timeline(id);
    return sync ? sync->historyEnd() : 0;
}

bool ConversationSet::handleFrame(const QString &type, const QJsonObject &frame)
{
    const QString room = frame.value("room"_L1).toString();
    if (type == Protocol::FrameType::RoomJoined) {
        roomJoined(frame);
    } else if (type == Protocol::FrameType::RoomDeleted) {
        if (contains(ConversationId::room(room)))
            emit removedByOperator(room, true, {});
        removeRoom(room);
    } else if (type == Protocol::FrameType::RoomUpdated) {
        setLocked(room, frame.value("locked"_L1).toBool());
    } else if (type == Protocol::FrameType::Typing) {
        const QString username = frame.value("username"_L1).toString();
        if (username.isEmpty() || UsernameRules::comparisonKey(username.trimmed()) == m_ownKey)
            return true;
        // A DM's typing names its addressee (this user) in `to`: the conversation is the typist's.
        emit typing(frame.contains("to"_L1) ? ConversationId::direct(username)
                    : room.isEmpty()        ? ConversationId::general()
                                            : ConversationId::room(room),
                    username);
    } else {
        return false;
    }
    return true;
}

ConversationSet::Entry &ConversationSet::add(const ConversationId &id)
{
    const QString key = id.key();
    auto it = m_entries.find(key);
    if (it != m_entries.end())
        return *it;
    Entry entry;
    entry.info.id = id;
    auto *timeline = new TimelineSync(m_network, this);
    timeline->setEndpoint(m_endpoint);
    timeline->setConversation(id);
    timeline->setOwnKey(m_ownKey);
    timeline->setSession(m_session);
    timeline->setRequestTimeout(m_requestTimeoutMs);
    timeline->setPageSize(m_pageSize);
    entry.timeline = timeline;
    connect(timeline, &TimelineSync::entriesAppended, this, &ConversationSet::entriesAppended);
    connect(timeline, &TimelineSync::olderEntriesLoaded, this,
            [this, id](const QList<ChatEntry> &entries, bool hasMore) {
                emit olderEntriesLoaded(entries, hasMore, id);
            });
    connect(timeline, &TimelineSync::olderLoadFailed, this,
            [this, id](const QString &error) { emit olderLoadFailed(error, id); });
    connect(timeline, &TimelineSync::timelineReset, this, [this, id] { emit timelineReset(id); });
    connect(timeline, &TimelineSync::finished, this, [this, id] {
        emit synced(id);
        maybeFinish();
    });
    connect(timeline, &TimelineSync::historyFailed, this, &ConversationSet::historyFailed);
    return *m_entries.insert(key, entry);
}

void ConversationSet::remove(const QString &key)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end() || it->info.id.isGeneral())
        return;
    const ConversationId id = it->info.id;
    it->timeline->stop();
    it->timeline->deleteLater();
    m_entries.erase(it);
    emit removed(id);
    emit changed();
    maybeFinish(); // it may have been the last one syncing
}

void ConversationSet::welcome(const QJsonObject &frame)
{
    m_welcomeSyncing = true;
    QHash<QString, qint64> lastIds;
    const QJsonValue rooms = frame.value("rooms"_L1);
    if (!rooms.isArray()) {
        lastIds.insert(ConversationId::general().key(), frame.value("lastId"_L1).toInteger());
    } else {
        for (const QJsonValue &value : rooms.toArray()) {
            const QJsonObject room = value.toObject();
            const QString name = room.value("room"_L1).toString();
            if (!Protocol::isValidRoomName(name))
                continue;
            Entry &entry = add(ConversationId::room(name));
            entry.info.topic = room.value("topic"_L1).toString();
            entry.info.locked = room.value("locked"_L1).toBool();
            entry.info.members = sortedNames(room.value("members"_L1).toArray());
            lastIds.insert(entry.info.id.key(), room.value("lastId"_L1).toInteger());
        }
    }
    const QJsonArray directs = frame.value("directs"_L1).toArray();
    for (const QJsonValue &value : directs) {
        const QJsonObject direct = value.toObject();
        const QString username = direct.value("username"_L1).toString();
        if (username.isEmpty())
            continue;
        Entry &entry = add(ConversationId::direct(username));
        entry.info.id.name = username; // as registered
        lastIds.insert(entry.info.id.key(), direct.value("lastId"_L1).toInteger());
    }
    // Rooms left (or deleted) while away go; general and the DM conversations stay.
    const QStringList keys = m_entries.keys();
    for (const QString &key : keys) {
        const Entry &entry = m_entries.value(key);
        if (!entry.info.id.isDirect() && !lastIds.contains(key))
            remove(key);
    }
    for (Entry &entry : m_entries) {
        entry.welcomeLastId = lastIds.value(entry.info.id.key(), entry.timeline->newestId());
        entry.timeline->prepare();
    }
    emit changed();
}

void ConversationSet::start()
{
    for (Entry &entry : m_entries)
        entry.timeline->start(entry.welcomeLastId);
    maybeFinish();
}

void ConversationSet::stop()
{
    m_welcomeSyncing = false;
    for (Entry &entry : m_entries)
        entry.timeline->stop();
}

bool ConversationSet::isSyncing() const
{
    return std::any_of(m_entries.cbegin(), m_entries.cend(),
                       [](const Entry &entry) { return entry.timeline->isSyncing(); });
}

void ConversationSet::expectAnswer(const ConversationId &target, const QString &cid)
{
    if (TimelineSync *sync = timeline(target))
        sync->expectAnswer(cid);
}

void ConversationSet::answered(const QString &cid)
{
    for (Entry &entry : m_entries)
        entry.timeline->answered(cid);
}

void ConversationSet::route(const ChatEntry &entry)
{
    TimelineSync *sync = timeline(entry.conversation);
    if (!sync) {
        if (!entry.conversation.isDirect())
            return; // a room left a moment ago
        openDirect(entry.conversation.name);
        sync = timeline(entry.conversation);
    }
    if (sync->isSyncing()) {
        sync->buffer(entry);
        sync->maybeFinish();
    } else {
        sync->deliverLive(entry);
    }
}

void ConversationSet::maybeFinish()
{
    for (Entry &entry : m_entries)
        entry.timeline->maybeFinish();
    if (m_welcomeSyncing && !isSyncing()) {
        m_welcomeSyncing = false;
        emit finished();
    }
}

void ConversationSet::roomJoined(const QJsonObject &frame)
{
    const QString name = frame.value("room"_L1).toString();
    if (!Protocol::isValidRoomName(name))
        return;
    const bool known = contains(ConversationId::room(name));
    Entry &entry = add(ConversationId::room(name));
    entry.info.topic = frame.value("topic"_L1).toString();
    entry.info.locked = frame.value("locked"_L1).toBool();
    entry.info.members = sortedNames(frame.value("members"_L1).toArray());
    if (!known) {
        entry.timeline->prepare();
        entry.timeline->start(frame.value("lastId"_L1).toInteger());
    }
    emit changed();
}

void ConversationSet::noteRoomEvent(const ChatEntry &event)
{
    if (event.conversation.isDirect() || event.conversation.isGeneral())
        return;
    const auto it = m_entries.find(event.conversation.key());
    if (it == m_entries.end())
        return;
    ConversationInfo &info = it->info;
    switch (event.kind) {
    case ChatEntry::Kind::Topic:
        info.topic = event.text;
        break;
    case ChatEntry::Kind::Join:
        if (std::none_of(info.members.cbegin(), info.members.cend(),
                         [&](const QString &name) { return sameUser(name, event.username); })) {
            info.members.append(event.username);
            sortNames(&info.members);
        }
        break;
    case ChatEntry::Kind::Leave:
    case ChatEntry::Kind::Kick:
        if (event.own) {
            // Left, or removed by the operator: nothing of the room comes after this event
            // (route() handed it out before).
            if (event.kind == ChatEntry::Kind::Kick)
                emit removedByOperator(event.conversation.name, false, event.text);
            remove(it.key());
            return;
        }
        info.members.removeIf([&](const QString &name) { return sameUser(name, event.username); });
        break;
    case ChatEntry::Kind::Message:
    case ChatEntry::Kind::Announcement:
        return;
    }
    emit changed();
}

void ConversationSet::setLocked(const QString &room, bool locked)
{
    const auto it = m_entries.find(ConversationId::room(room).key());
    if (it == m_entries.end() || it->info.locked == locked)
        return;
    it->info.locked = locked;
    emit changed();
}

void ConversationSet::removeRoom(const QString &room)
{
    remove(ConversationId::room(room).key());
}

ConversationId ConversationSet::openDirect(const QString &username)
{
    const ConversationId id = ConversationId::direct(username.trimmed());
    if (contains(id))
        return info(id).id;
    add(id);
    emit changed();
    return id;
}

void ConversationSet::loadOlder(const ConversationId &id)
{
    if (TimelineSync *sync = timeline(id))
        sync->loadOlder();
}

void ConversationSet::reset()
{
    // Another server or user: only general stays, empty.
    const QStringList keys = m_entries.keys();
    for (const QString &key : keys)
        remove(key);
    for (Entry &entry : m_entries)
        if (!entry.timeline->isEmpty())
            entry.timeline->reset();
}

#include "moc_conversationset.cpp"
