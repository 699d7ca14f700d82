#include "roomadministration.h"

#include "clientframe.h"
#include "commitpipeline.h"
#include "connectionmanager.h"
#include "conversations.h"
#include "conversationstore.h"
#include "historystore.h"
#include "historywriter.h"
#include "logging.h"
#include "moderationactions.h"
#include "pendingevents.h"
#include "protocol.h"
#include "usernamerules.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

RoomAdministration::RoomAdministration(const ServerConfig &config, ConnectionManager *connections,
                                       CommitPipeline *commits, Conversations *conversations,
                                       ModerationActions *moderation, QObject *parent)
    : QObject(parent),
      m_config(config),
      m_connections(connections),
      m_commits(commits),
      m_conversations(conversations),
      m_moderation(moderation),
      m_summaryTimer(new QTimer(this))
{
    m_summaryTimer->setSingleShot(true);
    m_summaryTimer->setInterval(SummaryIntervalMs);
    connect(m_summaryTimer, &QTimer::timeout, this, &RoomAdministration::emitSummary);
}

bool RoomAdministration::load(HistoryStore *reader, HistoryWriter *writer, QString *error)
{
    connect(this, &RoomAdministration::createRequested, writer, &HistoryWriter::createRoom);
    connect(this, &RoomAdministration::deleteRequested, writer, &HistoryWriter::deleteRoom);
    connect(this, &RoomAdministration::lockRequested, writer, &HistoryWriter::lockRoom);
    connect(writer, &HistoryWriter::roomChanged, this, [](const QString &room, const QString &e) {
        if (!e.isEmpty())
            qCWarning(lcStore).noquote()
                << "a change of the room" << room << "was not stored:" << e;
    });
    QStringList names;
    if (!reader->directStats(&names, &m_directEvents)) {
        *error = reader->lastError();
        return false;
    }
    m_directNames = QSet<QString>(names.cbegin(), names.cend());
    scheduleSummary(); // the console's first list
    return true;
}

void RoomAdministration::record(ModerationRecord::Action action, const QString &target,
                                const QString &reason, const QString &detail)
{
    m_moderation->record(action, target, reason, detail);
}

// A live room other than general; refuses (roomRefused) otherwise.
bool RoomAdministration::checkExisting(const QString &room, const char *what)
{
    QString refusal;
    if (room == Protocol::DefaultRoom)
        refusal = u"The room %1 cannot be %2: everyone is always in it."_s.arg(
            room, QString::fromLatin1(what));
    else if (!m_conversations->rooms().contains(room))
        refusal = u"There is no room %1."_s.arg(room.left(Protocol::Limits::MaxRoomNameLength));
    if (refusal.isEmpty())
        return true;
    emit roomRefused(refusal);
    return false;
}

void RoomAdministration::create(const QString &room)
{
    RoomDirectory &rooms = m_conversations->rooms();
    if (!Protocol::isValidRoomName(room))
        return emit roomRefused(u"A room's name is 1 to %1 characters of a-z, 0-9, - and _."_s.arg(
            Protocol::Limits::MaxRoomNameLength));
    if (rooms.contains(room))
        return emit roomRefused(u"The room %1 exists already."_s.arg(room));
    if (rooms.roomCount() >= m_config.maxRooms)
        return emit roomRefused(
            u"The server has as many rooms as it allows (%1)."_s.arg(m_config.maxRooms));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const RoomInfo info {room, {}, false, now, m_config.operatorName, 0};
    rooms.addStored(info, 0, 0);
    m_commits->afterPending([this, info] { emit createRequested(info); });
    record(ModerationRecord::Action::RoomCreate, room, {});
    scheduleSummary();
}

void RoomAdministration::remove(const QString &room)
{
    if (!checkExisting(room, "deleted"))
        return;
    RoomDirectory &rooms = m_conversations->rooms();
    // The members' connections learn it first; from now on the room is unknown to everyone (its
    // events waiting for their commit still go to its history, ConversationStore::resolve).
    const QByteArray deleted = Protocol::roomDeletedFrame(room);
    for (const ClientId client : rooms.find(room)->connections)
        m_connections->sendTo(client, deleted);
    const qsizetype members = rooms.find(room)->members.size();
    rooms.remove(room);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_commits->afterPending([this, room, now] { emit deleteRequested(room, now); });
    record(ModerationRecord::Action::RoomDelete, room, {}, u"%1 members"_s.arg(members));
    scheduleSummary();
}

void RoomAdministration::setLocked(const QString &room, bool locked)
{
    if (!checkExisting(room, locked ? "locked" : "unlocked"))
        return;
    RoomDirectory &rooms = m_conversations->rooms();
    if (rooms.find(room)->locked == locked)
        return; // nothing changes: nobody is told, nothing recorded
    rooms.setLocked(room, locked);
    const QByteArray updated = Protocol::roomUpdatedFrame(room, locked);
    for (const ClientId client : rooms.find(room)->connections)
        m_connections->sendTo(client, updated);
    m_commits->afterPending([this, room, locked] { emit lockRequested(room, locked); });
    record(locked ? ModerationRecord::Action::RoomLock : ModerationRecord::Action::RoomUnlock, room,
           {});
    scheduleSummary();
}

void RoomAdministration::setTopic(const QString &room, const QString &topic)
{
    if (room != Protocol::DefaultRoom && !checkExisting(room, "given a topic"))
        return;
    // The same rules as a member's topic frame (length, no control characters), from one place.
    const QJsonObject frame {
        {u"type"_s, Protocol::FrameType::Topic}, {u"room"_s, room}, {u"topic"_s, topic}};
    const Protocol::ParsedFrame parsed = Protocol::parseClientFrame(
        QString::fromUtf8(QJsonDocument(frame).toJson()),
        UsernameRules::comparisonKey(m_config.operatorName), m_config.maxTextLength);
    if (!parsed.isValid())
        return emit roomRefused(parsed.errorMessage);
    const QString author = m_config.operatorName.left(UsernameRules::MaxLength);
    ClientInfo operatorInfo;
    operatorInfo.username = author;
    PendingEvent pending
        = PendingEvents::topic(0, operatorInfo, UsernameRules::comparisonKey(author), room,
                               parsed.topic, {}, QDateTime::currentMSecsSinceEpoch());
    pending.event.fromOperator = true;
    m_commits->enqueue(pending);
    record(ModerationRecord::Action::RoomTopic, room, {}, parsed.topic);
}

void RoomAdministration::kick(const QString &room, const QString &username, const QString &reason)
{
    if (!checkExisting(room, "kicked from"))
        return;
    RoomDirectory &rooms = m_conversations->rooms();
    const QString key = UsernameRules::comparisonKey(username);
    if (!rooms.isMember(room, key))
        return emit roomRefused(
            u"%1 is not in %2."_s.arg(username.left(UsernameRules::MaxLength), room));
    const QString member = rooms.find(room)->members.value(key);
    // Like a leave: stored and sent to the members, the kicked user's connections included
    // (they leave the room's audience after the delivery, Conversations::afterDelivery); the
    // store removes a registered member's stored membership.
    rooms.removeMember(room, key);
    PendingEvent pending = PendingEvents::departure(
        member, true, reason.left(m_config.maxTextLength), QDateTime::currentMSecsSinceEpoch());
    pending.event.room = room;
    m_commits->enqueue(pending);
    record(ModerationRecord::Action::RoomKick, member, reason, u"room %1"_s.arg(room));
    scheduleSummary();
}

void RoomAdministration::noteCommitted(const QList<ChatEvent> &events)
{
    bool changed = false;
    for (const ChatEvent &event : events) {
        if (event.isDirect()) {
            ++m_directEvents;
            m_directNames.insert(
                ConversationStore::directName(UsernameRules::comparisonKey(event.username),
                                              UsernameRules::comparisonKey(event.to)));
        }
        changed = changed || event.isDirect() || event.room != Protocol::DefaultRoom
                  || event.kind == ChatEvent::Kind::Join || event.kind == ChatEvent::Kind::Leave
                  || event.kind == ChatEvent::Kind::Kick || event.kind == ChatEvent::Kind::Topic;
    }
    if (changed)
        scheduleSummary();
}

void RoomAdministration::scheduleSummary()
{
    if (!m_summaryTimer->isActive())
        m_summaryTimer->start();
}

void RoomAdministration::emitSummary()
{
    QList<RoomSummary> list;
    for (const RoomDirectory::Room *room : m_conversations->rooms().rooms()) {
        RoomSummary summary;
        summary.name = room->name;
        summary.topic = room->topic;
        summary.locked = room->locked;
        summary.lastActivityMs = room->lastActivityMs;
        if (room->name == Protocol::DefaultRoom) {
            summary.onlineMembers = m_connections->userCount();
        } else {
            summary.members = m_conversations->rooms().state(room->name).members;
            for (auto it = room->members.cbegin(); it != room->members.cend(); ++it)
                summary.onlineMembers += m_connections->connectionsOf(it.key()).isEmpty() ? 0 : 1;
        }
        list.append(summary);
    }
    emit roomsChanged(list, DirectStats {m_directNames.size(), m_directEvents});
}

#include "moc_roomadministration.cpp"
