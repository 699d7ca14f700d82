#include "conversationstore.h"

#include "statementcache.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {

const QString RoomKind = u"room"_s;
const QString DirectKind = u"direct"_s;
constexpr QChar KeySeparator(0x1F); // between a DM's two keys (not in any comparison key)
// The two keys of a DM's name, in SQL.
#define FirstKey u"substr(name, 1, instr(name, char(31)) - 1)"
#define SecondKey u"substr(name, instr(name, char(31)) + 1)"

QString cacheKey(const QString &kind, const QString &name)
{
    return kind + QChar(0x1E) + name;
}

// A statement's failure, as a QSqlError to hand on.
bool failed(const QSqlQuery &query, QSqlError *error)
{
    *error = query.lastError();
    return false;
}

bool refused(const QString &why, QSqlError *error)
{
    *error = QSqlError(why, {}, QSqlError::StatementError);
    return false;
}

} // namespace

QString ConversationStore::directName(const QString &keyA, const QString &keyB)
{
    return keyA < keyB ? keyA + KeySeparator + keyB : keyB + KeySeparator + keyA;
}

// The id a statement with one bound name selects; 0 when none (or NULL).
bool ConversationStore::selectId(const QString &sql, const QString &name, qint64 *id,
                                 QSqlError *error)
{
    QSqlQuery &select = m_statements.get(sql);
    select.bindValue(0, name);
    if (!select.exec())
        return failed(select, error);
    *id = select.next() ? select.value(0).toLongLong() : 0;
    select.finish();
    return true;
}

bool ConversationStore::liveRoom(const QString &name, qint64 *conversation, QSqlError *error)
{
    return selectId(
        u"SELECT id FROM conversations WHERE kind = 'room' AND name = ? AND deleted = 0"_s, name,
        conversation, error);
}

bool ConversationStore::directConversation(const QString &name, qint64 *conversation,
                                           QSqlError *error)
{
    // deleted = 0 (a DM is never deleted) lets the look-up use the partial index.
    return selectId(
        u"SELECT id FROM conversations WHERE kind = 'direct' AND name = ? AND deleted = 0"_s, name,
        conversation, error);
}

bool ConversationStore::insert(const QString &kind, const QString &name, qint64 createdMs,
                               const QString &createdBy, qint64 *conversation, QSqlError *error)
{
    QSqlQuery &insert = m_statements.get(u"INSERT INTO conversations (kind, name, created,"
                                         u" created_by) VALUES (?, ?, ?, COALESCE(?, ''))"_s);
    insert.bindValue(0, kind);
    insert.bindValue(1, name);
    insert.bindValue(2, createdMs);
    insert.bindValue(3, createdBy);
    if (!insert.exec())
        return failed(insert, error);
    *conversation = insert.lastInsertId().toLongLong();
    return true;
}

bool ConversationStore::resolve(const PendingEvent &pending, qint64 createdMs, qint64 *conversation,
                                QSqlError *error)
{
    const bool direct = !pending.recipientKey.isEmpty();
    const QString &kind = direct ? DirectKind : RoomKind;
    const QString name = direct ? directName(pending.userKey, pending.recipientKey)
                         : pending.event.room.isEmpty() ? Protocol::defaultRoom()
                                                        : pending.event.room;
    const QString key = cacheKey(kind, name);
    if (const auto it = m_live.constFind(key); it != m_live.constEnd()) {
        *conversation = it.value();
        return true;
    }
    if (!(direct ? directConversation(name, conversation, error)
                 : liveRoom(name, conversation, error)))
        return false;
    if (*conversation == 0 && !direct && pending.event.kind != ChatEvent::Kind::Join) {
        // Written to a room the operator deleted while the event waited for its commit: it
        // belongs to that room's history, not to a new room of the same name.
        if (!selectId(u"SELECT MAX(id) FROM conversations WHERE kind = 'room' AND name = ?"_s, name,
                      conversation, error))
            return false;
        if (*conversation != 0)
            return true; // not live: not cached
    }
    if (*conversation == 0
        && !insert(kind, name, createdMs, direct ? QString() : pending.event.username, conversation,
                   error))
        return false;
    m_live.insert(key, *conversation);
    return true;
}

bool ConversationStore::applyStored(const PendingEvent &pending, qint64 conversation,
                                    QSqlError *error)
{
    if (!pending.recipientKey.isEmpty())
        return true;
    // Everyone is in general: presence there (connecting, disconnecting) is no membership.
    const bool general
        = pending.event.room.isEmpty() || pending.event.room == Protocol::DefaultRoom;
    switch (pending.event.kind) {
    case ChatEvent::Kind::Join: {
        if (general)
            return true;
        // Only a registered user's membership outlives the connection.
        QSqlQuery &join = m_statements.get(
            u"INSERT OR IGNORE INTO memberships (user_key, conversation) SELECT ?, ?"
            u" WHERE EXISTS (SELECT 1 FROM registrations WHERE user_key = ?)"_s);
        join.bindValue(0, pending.userKey);
        join.bindValue(1, conversation);
        join.bindValue(2, pending.userKey);
        return join.exec() || failed(join, error);
    }
    case ChatEvent::Kind::Kick: // in general: removed from the server, not from a room
    case ChatEvent::Kind::Leave: {
        if (general)
            return true;
        QSqlQuery &leave = m_statements.get(
            u"DELETE FROM memberships WHERE user_key = ? AND conversation = ?"_s);
        leave.bindValue(0, pending.userKey);
        leave.bindValue(1, conversation);
        return leave.exec() || failed(leave, error);
    }
    case ChatEvent::Kind::Topic: {
        QSqlQuery &topic
            = m_statements.get(u"UPDATE conversations SET topic = COALESCE(?, '') WHERE id = ?"_s);
        topic.bindValue(0, pending.event.text);
        topic.bindValue(1, conversation);
        return topic.exec() || failed(topic, error);
    }
    case ChatEvent::Kind::Message:
    case ChatEvent::Kind::Announcement:
        break;
    }
    return true;
}

bool ConversationStore::find(const HistoryQuery &query, qint64 *conversation, QSqlError *error)
{
    if (query.withKey.isEmpty())
        return liveRoom(query.room.isEmpty() ? Protocol::defaultRoom() : query.room, conversation,
                        error);
    return directConversation(directName(query.ownKey, query.withKey), conversation, error);
}

bool ConversationStore::rooms(QList<RoomInfo> *rooms, QSqlError *error)
{
    rooms->clear();
    QSqlQuery &select = m_statements.get(
        u"SELECT c.name, c.topic, c.locked, c.created, c.created_by, COALESCE(m.members, 0)"
        u" FROM conversations c LEFT JOIN (SELECT conversation, COUNT(*) AS members"
        u" FROM memberships GROUP BY conversation) m ON m.conversation = c.id"
        u" WHERE c.kind = 'room' AND c.deleted = 0 ORDER BY c.id"_s);
    if (!select.exec())
        return failed(select, error);
    while (select.next()) {
        RoomInfo room;
        room.name = select.value(0).toString();
        room.topic = select.value(1).toString();
        room.locked = select.value(2).toInt() != 0;
        room.createdMs = select.value(3).toLongLong();
        room.createdBy = select.value(4).toString();
        room.memberCount = select.value(5).toInt();
        rooms->append(room);
    }
    select.finish();
    return true;
}

bool ConversationStore::memberships(const QString &userKey, QStringList *rooms, QSqlError *error)
{
    rooms->clear();
    QSqlQuery &select = m_statements.get(
        u"SELECT c.name FROM memberships m JOIN conversations c ON c.id = m.conversation"
        u" WHERE m.user_key = ? AND c.kind = 'room' AND c.deleted = 0 ORDER BY c.id"_s);
    select.bindValue(0, userKey);
    if (!select.exec())
        return failed(select, error);
    while (select.next())
        rooms->append(select.value(0).toString());
    select.finish();
    return true;
}

// A DM's name holds both keys; the user's is either side of the separator.
bool ConversationStore::directPartners(const QString &userKey, QList<DirectPartner> *partners,
                                       QSqlError *error)
{
    partners->clear();
    QSqlQuery &select = m_statements.get(
        u"SELECT p.partner, r.username,"
        u" (SELECT MAX(e.id) FROM events e WHERE e.conversation = p.id)"
        u" FROM (SELECT id, CASE "
        u"WHEN"
        u" " FirstKey u" = ? "
        u"THEN " SecondKey u" ELSE " FirstKey u" END AS partner FROM conversations"
        u"  WHERE kind = 'direct' AND (" FirstKey u" = ? OR " SecondKey u" = ?)) p"
        u" LEFT JOIN registrations r ON r.user_key = p.partner ORDER BY p.id"_s);
    for (int i = 0; i < 3; ++i)
        select.bindValue(i, userKey);
    if (!select.exec())
        return failed(select, error);
    while (select.next()) {
        DirectPartner partner;
        partner.userKey = select.value(0).toString();
        partner.username = select.value(1).isNull() ? partner.userKey : select.value(1).toString();
        partner.newestId = select.value(2).toLongLong();
        partners->append(partner);
    }
    select.finish();
    return true;
}

QString ConversationStore::directConversationsOf()
{
    return u"SELECT id FROM conversations WHERE kind = 'direct'"
           u" AND (" FirstKey u" = ? OR " SecondKey u" = ?)"_s;
}

qint64 ConversationStore::directDelivered(const QString &userKey, QSqlError *error)
{
    QSqlQuery &select
        = m_statements.get(u"SELECT direct_delivered FROM registrations WHERE user_key = ?"_s);
    select.bindValue(0, userKey);
    if (!select.exec()) {
        failed(select, error);
        return -1;
    }
    const qint64 delivered = select.next() ? select.value(0).toLongLong() : 0;
    select.finish();
    return delivered;
}

bool ConversationStore::directStats(QStringList *conversations, qint64 *events, QSqlError *error)
{
    conversations->clear();
    *events = 0;
    QSqlQuery &names
        = m_statements.get(u"SELECT name FROM conversations WHERE kind = 'direct' ORDER BY id"_s);
    if (!names.exec())
        return failed(names, error);
    while (names.next())
        conversations->append(names.value(0).toString());
    names.finish();
    QSqlQuery &count = m_statements.get(u"SELECT COUNT(*) FROM events WHERE conversation IN"
                                        u" (SELECT id FROM conversations WHERE kind = 'direct')"_s);
    if (!count.exec())
        return failed(count, error);
    *events = count.next() ? count.value(0).toLongLong() : 0;
    count.finish();
    return true;
}

bool ConversationStore::createRoom(const RoomInfo &room, QSqlError *error)
{
    qint64 existing = 0;
    if (!liveRoom(room.name, &existing, error))
        return false;
    if (existing != 0)
        return refused(u"a room named %1 exists"_s.arg(room.name), error);
    qint64 id = 0;
    if (!insert(RoomKind, room.name, room.createdMs, room.createdBy, &id, error))
        return false;
    QSqlQuery &update = m_statements.get(
        u"UPDATE conversations SET topic = COALESCE(?, ''), locked = ? WHERE id = ?"_s);
    update.bindValue(0, room.topic);
    update.bindValue(1, room.locked ? 1 : 0);
    update.bindValue(2, id);
    if (!update.exec())
        return failed(update, error);
    m_live.insert(cacheKey(RoomKind, room.name), id);
    return true;
}

bool ConversationStore::deleteRoom(const QString &name, qint64 deletedMs, QSqlError *error)
{
    if (name == Protocol::DefaultRoom)
        return refused(u"the room %1 cannot be deleted"_s.arg(name), error);
    qint64 id = 0;
    if (!liveRoom(name, &id, error))
        return false;
    if (id == 0)
        return refused(u"no room named %1"_s.arg(name), error);
    QSqlQuery &update
        = m_statements.get(u"UPDATE conversations SET deleted = max(?, 1) WHERE id = ?"_s);
    update.bindValue(0, deletedMs);
    update.bindValue(1, id);
    if (!update.exec())
        return failed(update, error);
    QSqlQuery &members = m_statements.get(u"DELETE FROM memberships WHERE conversation = ?"_s);
    members.bindValue(0, id);
    if (!members.exec())
        return failed(members, error);
    m_live.remove(cacheKey(RoomKind, name));
    return true;
}

bool ConversationStore::lockRoom(const QString &name, bool locked, QSqlError *error)
{
    QSqlQuery &update = m_statements.get(u"UPDATE conversations SET locked = ?"
                                         u" WHERE kind = 'room' AND name = ? AND deleted = 0"_s);
    update.bindValue(0, locked ? 1 : 0);
    update.bindValue(1, name);
    if (!update.exec())
        return failed(update, error);
    return update.numRowsAffected() == 1 || refused(u"no room named %1"_s.arg(name), error);
}

bool ConversationStore::setDirectDelivered(const QString &userKey, qint64 eventId, QSqlError *error)
{
    QSqlQuery &update = m_statements.get(u"UPDATE registrations SET direct_delivered ="
                                         u" max(direct_delivered, ?) WHERE user_key = ?"_s);
    update.bindValue(0, eventId);
    update.bindValue(1, userKey);
    return update.exec() || failed(update, error);
}
