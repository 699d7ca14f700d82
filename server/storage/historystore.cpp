#include "historystore.h"

#include "historyfile.h"
#include "logging.h"
#include "moderationtables.h"
#include "usernamerules.h"

#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

ChatEvent::Kind kindFromName(const QString &name)
{
    if (name == "join"_L1)
        return ChatEvent::Kind::Join;
    if (name == "leave"_L1)
        return ChatEvent::Kind::Leave;
    if (name == "kick"_L1)
        return ChatEvent::Kind::Kick;
    if (name == "announcement"_L1)
        return ChatEvent::Kind::Announcement;
    if (name == "topic"_L1)
        return ChatEvent::Kind::Topic;
    return ChatEvent::Kind::Message;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', "\\\\"_L1).replace(u'%', "\\%"_L1).replace(u'_', "\\_"_L1);
    return u'%' + escaped + u'%';
}

} // namespace

HistoryStore::HistoryStore(const QString &connectionName)
    : m_connectionName(connectionName), m_statements(connectionName)
{ }

HistoryStore::~HistoryStore()
{
    close();
}

bool HistoryStore::fail(const QString &what, const QString &error)
{
    // One line: SQLite's messages (quick_check's in particular) may contain line breaks.
    m_lastError = (error.isEmpty() ? what : u"%1: %2"_s.arg(what, error)).simplified();
    m_lastErrorWasFull = false;
    // A refused open or a failed batch is the caller's to report (a dialog, the headless exit
    // line, the server's one warning per change), not once more per batch here.
    if (m_callerReports)
        qCDebug(lcStore).noquote() << m_lastError;
    else
        qCWarning(lcStore).noquote() << m_lastError;
    return false;
}

bool HistoryStore::open(const QString &filePath, bool readOnly)
{
    close();
    m_filePath = filePath;
    HistoryFile file(m_connectionName, filePath);
    if (file.open(readOnly))
        return true;
    m_callerReports = true; // a dialog or the headless exit line says it
    fail(file.what(), file.detail());
    m_callerReports = false;
    close(); // a refused file must not stay usable through this instance
    return false;
}

bool HistoryStore::setSizeLimit(qint64 maxBytes)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(u"PRAGMA page_size"_s) || !query.next())
        return fail(u"Cannot read the page size of %1"_s.arg(m_filePath),
                    query.lastError().databaseText());
    const qint64 pageSize = std::max<qint64>(512, query.value(0).toLongLong());
    query.finish();
    // SQLite clamps the count to its own maximum: a huge value means no cap.
    const qint64 pages = maxBytes > 0 ? std::max<qint64>(1, maxBytes / pageSize)
                                      : std::numeric_limits<quint32>::max();
    if (!query.exec(u"PRAGMA max_page_count=%1"_s.arg(pages)) || !query.next())
        return fail(u"Cannot limit the size of %1"_s.arg(m_filePath),
                    query.lastError().databaseText());
    if (maxBytes > 0)
        qCInfo(lcStore).noquote() << "history size limited to" << query.value(0).toLongLong()
                                  << "pages of" << pageSize << "bytes";
    return true;
}

void HistoryStore::close()
{
    m_statements.clear(); // before the connection goes
    m_conversations.reset();
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool HistoryStore::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName)
           && QSqlDatabase::database(m_connectionName, false).isOpen();
}

// One statement per row in the common case: the insert itself skips a cid that is already stored
// (the partial unique index), and only then is the original looked up.
bool HistoryStore::append(const QList<PendingEvent> &batch, QList<StoredEvent> *results)
{
    results->clear();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return fail(u"Cannot store events"_s, u"the database is not open"_s);
    // No RETURNING: a statement without result columns runs to completion in exec(), and the new
    // id and whether a row was inserted come from sqlite3_last_insert_rowid() and
    // sqlite3_changes() (lastInsertId(), numRowsAffected()). Fetching a RETURNING row per insert
    // held 1,000-row batches to 62,000-66,000 rows/s; without it 88,000-93,000 (historybench).
    QSqlQuery &insert = m_statements.get(
        u"INSERT INTO events (ts, kind, username, user_key, text, cid, operator, conversation,"
        u" recipient) VALUES (?, ?, ?, ?, COALESCE(?, ''), ?, ?, ?, COALESCE(?, ''))"
        u" ON CONFLICT (user_key, cid) WHERE cid IS NOT NULL DO NOTHING"_s);
    QSqlQuery &findCid
        = m_statements.get(u"SELECT id, ts, text FROM events WHERE user_key = ? AND cid = ?"_s);
    const auto abort = [&](const QString &what, const QSqlError &error) {
        results->clear();
        return failAppend(what, error);
    };
    QSqlQuery &begin = m_statements.get(u"BEGIN"_s);
    if (!begin.exec())
        return abort(u"Cannot begin a transaction"_s, begin.lastError());

    results->reserve(batch.size());
    for (const PendingEvent &pending : batch) {
        StoredEvent stored;
        stored.event = pending.event;
        stored.sender = pending.sender;
        stored.cid = pending.cid;
        qint64 conversation = 0;
        QSqlError error;
        if (!m_conversations.resolve(pending, pending.event.timestampMs, &conversation, &error))
            return abort(u"Cannot find the conversation of an event"_s, error);
        insert.bindValue(0, pending.event.timestampMs);
        insert.bindValue(1, LanChat::kindName(pending.event.kind));
        insert.bindValue(2, pending.event.username);
        insert.bindValue(3, pending.userKey);
        insert.bindValue(4, pending.event.text);
        insert.bindValue(5, pending.cid.isEmpty() ? QVariant() : QVariant(pending.cid));
        insert.bindValue(6, pending.event.fromOperator ? 1 : 0);
        insert.bindValue(7, conversation);
        insert.bindValue(8, pending.event.to);
        if (!insert.exec())
            return abort(u"Cannot store an event"_s, insert.lastError());
        if (insert.numRowsAffected() == 1) {
            stored.event.id = insert.lastInsertId().toLongLong();
            if (!m_conversations.applyStored(pending, conversation, &error))
                return abort(u"Cannot update the conversation of an event"_s, error);
            results->append(stored);
            continue;
        }
        // Nothing inserted: this user already stored this cid. Answer with the original.
        findCid.bindValue(0, pending.userKey);
        findCid.bindValue(1, pending.cid);
        if (!findCid.exec() || !findCid.next())
            return abort(u"Cannot look up a client nonce"_s, findCid.lastError());
        stored.event.id = findCid.value(0).toLongLong();
        stored.event.timestampMs = findCid.value(1).toLongLong();
        stored.event.text = findCid.value(2).toString();
        stored.duplicate = true;
        findCid.finish();
        results->append(stored);
    }
    // COMMIT as a statement of our own: QSqlDatabase::commit() drops SQLite's error code, which
    // tells a full disk from other failures.
    QSqlQuery &commit = m_statements.get(u"COMMIT"_s);
    if (!commit.exec())
        return abort(u"Cannot commit"_s, commit.lastError());
    return true;
}

// After a failed step SQLite may already have rolled the transaction back (SQLITE_FULL, IOERR)
// or not. The cached statements are dropped first, so that none holds a cursor or an error state
// into the ROLLBACK or the next batch (they are prepared again, once per failure), and ROLLBACK
// leaves the connection outside any transaction either way.
bool HistoryStore::failAppend(const QString &what, const QSqlError &error)
{
    m_statements.clear();
    m_conversations.reset(); // conversations it created are rolled back
    {
        QSqlQuery rollback(QSqlDatabase::database(m_connectionName, false));
        rollback.exec(u"ROLLBACK"_s); // fails harmlessly when SQLite already rolled back
    }
    const QString code = error.nativeErrorCode();
    const bool full = code == "13"_L1; // SQLITE_FULL: max_page_count or the disk
    m_callerReports = true;
    fail(what, error.databaseText().isEmpty() ? error.text() : error.databaseText());
    m_callerReports = false;
    m_lastErrorWasFull = full;
    return false;
}

namespace {
// The columns readPage() decodes: of one conversation, whose name the caller knows, or with the
// join that names each event's conversation.
const QString PageSelect
    = u"SELECT e.id, e.ts, e.kind, e.username, e.text, e.operator, e.recipient FROM events e"_s;
const QString JoinedPageSelect
    = u"SELECT e.id, e.ts, e.kind, e.username, e.text, e.operator, e.recipient, c.kind, c.name"
      u" FROM events e LEFT JOIN conversations c ON c.id = e.conversation"_s;
} // namespace

bool HistoryStore::page(const HistoryQuery &query, HistoryPage *page)
{
    page->events.clear();
    page->hasMore = false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return fail(u"Cannot read the history"_s, u"the database is not open"_s);

    QStringList conditions;
    QVariantList values;
    std::optional<QString> room; // known: the one conversation's (empty for a DM)
    if (!query.allConversations) {
        qint64 conversation = 0;
        QSqlError error;
        if (!m_conversations.find(query, &conversation, &error))
            return fail(u"Cannot read the history"_s, error.text());
        if (conversation == 0)
            return true; // no such room or DM: nothing to read
        conditions << u"e.conversation = ?"_s;
        values << conversation;
        room = query.withKey.isEmpty() ? query.room : QString();
    } else if (!query.includeDirect) {
        // The unary + keeps the scan on the id (the page's order) rather than on the
        // conversation index, which would have to sort every row of every room.
        conditions << u"+e.conversation IN (SELECT id FROM conversations WHERE kind = 'room')"_s;
    }
    // Keyset pagination: every page is an index range scan, the same cost at any depth.
    const bool ascending = query.afterId >= 0;
    if (query.beforeId >= 0) {
        conditions << u"e.id < ?"_s;
        values << query.beforeId;
    }
    if (query.afterId >= 0) {
        conditions << u"e.id > ?"_s;
        values << query.afterId;
    }
    if (!query.username.isEmpty()) {
        conditions << u"e.user_key = ?"_s;
        values << UsernameRules::comparisonKey(query.username);
    }
    if (!query.textContains.isEmpty()) {
        conditions << u"e.text LIKE ? ESCAPE '\\'"_s;
        values << likePattern(query.textContains);
    }
    QString sql = room ? PageSelect : JoinedPageSelect;
    if (!conditions.isEmpty())
        sql += u" WHERE "_s + conditions.join(" AND "_L1);
    return readPage(sql, values, query.limit, ascending, room, page);
}

bool HistoryStore::directAfter(const QString &userKey, qint64 afterId, int limit, HistoryPage *page)
{
    page->events.clear();
    page->hasMore = false;
    const QString sql = PageSelect + u" WHERE e.conversation IN ("_s
                        + ConversationStore::directConversationsOf() + u") AND e.id > ?"_s;
    return readPage(sql, {userKey, userKey, afterId}, limit, true, QString(), page);
}

// Runs sql (a PageSelect with its conditions, or a JoinedPageSelect when room is not known)
// ordered by id and limited to limit + 1 rows: the one beyond the page says whether there is
// more.
bool HistoryStore::readPage(const QString &sql, const QVariantList &values, int limit,
                            bool ascending, const std::optional<QString> &room, HistoryPage *page)
{
    limit = std::max(1, limit);
    QSqlQuery &select = m_statements.get(
        sql + (ascending ? u" ORDER BY e.id ASC LIMIT ?"_s : u" ORDER BY e.id DESC LIMIT ?"_s));
    for (int i = 0; i < values.size(); ++i)
        select.bindValue(i, values.at(i));
    select.bindValue(int(values.size()), limit + 1);
    if (!select.exec())
        return fail(u"Cannot read the history"_s, select.lastError().text());
    const auto done = qScopeGuard([&select] { select.finish(); });
    while (select.next()) {
        if (page->events.size() == limit) {
            page->hasMore = true;
            break;
        }
        ChatEvent event;
        event.id = select.value(0).toLongLong();
        event.timestampMs = select.value(1).toLongLong();
        event.kind = kindFromName(select.value(2).toString());
        event.username = select.value(3).toString();
        event.text = select.value(4).toString();
        event.fromOperator = select.value(5).toInt() != 0;
        const bool direct = room ? room->isEmpty() : select.value(7).toString() == "direct"_L1;
        if (direct) {
            event.room.clear();
            event.to = select.value(6).toString();
        } else {
            event.room = room ? *room : select.value(8).toString();
        }
        page->events.append(event);
    }
    if (!ascending)
        std::reverse(page->events.begin(), page->events.end());
    return true;
}

qint64 HistoryStore::lastId()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(u"SELECT COALESCE(MAX(id), 0) FROM events"_s) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

qint64 HistoryStore::count()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(u"SELECT COUNT(*) FROM events"_s) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

bool HistoryStore::checkpoint()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s))
        return fail(u"SQL failed (PRAGMA wal_checkpoint(TRUNCATE))"_s, query.lastError().text());
    return true;
}

bool HistoryStore::addBan(BanInfo *ban)
{
    QString error;
    return ModerationTables::addBan(m_connectionName, ban, &error) || fail(error, {});
}

bool HistoryStore::removeBan(qint64 id)
{
    QString error;
    return ModerationTables::removeBan(m_connectionName, id, &error) || fail(error, {});
}

bool HistoryStore::activeBans(qint64 nowMs, QList<BanInfo> *bans)
{
    QString error;
    return ModerationTables::activeBans(m_connectionName, nowMs, bans, &error) || fail(error, {});
}

bool HistoryStore::addModeration(ModerationRecord *record)
{
    QString error;
    return ModerationTables::addModeration(m_connectionName, record, &error) || fail(error, {});
}

bool HistoryStore::recentModeration(int limit, QList<ModerationRecord> *records)
{
    QString error;
    return ModerationTables::recentModeration(m_connectionName, limit, records, &error)
           || fail(error, {});
}

// A refusal (a room that exists, general deleted) is the caller's to report: the writer hands it
// on with roomChanged.
bool HistoryStore::changeConversations(const QString &what,
                                       const std::function<bool(QSqlError *error)> &change)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlError error;
    const bool changed = db.transaction() && change(&error) && db.commit();
    if (changed)
        return true;
    if (!error.isValid())
        error = db.lastError();
    db.rollback();
    m_conversations.reset();
    m_callerReports = true;
    fail(what, error.text());
    m_callerReports = false;
    return false;
}

bool HistoryStore::createRoom(const RoomInfo &room)
{
    return changeConversations(u"Cannot create a room"_s, [&](QSqlError *error) {
        return m_conversations.createRoom(room, error);
    });
}

bool HistoryStore::deleteRoom(const QString &name, qint64 deletedMs)
{
    return changeConversations(u"Cannot delete a room"_s, [&](QSqlError *error) {
        return m_conversations.deleteRoom(name, deletedMs, error);
    });
}

bool HistoryStore::lockRoom(const QString &name, bool locked)
{
    return changeConversations(u"Cannot lock a room"_s, [&](QSqlError *error) {
        return m_conversations.lockRoom(name, locked, error);
    });
}

bool HistoryStore::setDirectDelivered(const QString &userKey, qint64 eventId)
{
    return changeConversations(u"Cannot record a delivery"_s, [&](QSqlError *error) {
        return m_conversations.setDirectDelivered(userKey, eventId, error);
    });
}

bool HistoryStore::rooms(QList<RoomInfo> *rooms)
{
    QSqlError error;
    return m_conversations.rooms(rooms, &error) || fail(u"Cannot read the rooms"_s, error.text());
}

bool HistoryStore::directStats(QStringList *conversations, qint64 *events)
{
    QSqlError error;
    return m_conversations.directStats(conversations, events, &error)
           || fail(u"Cannot count the direct messages"_s, error.text());
}

bool HistoryStore::memberships(const QString &userKey, QStringList *rooms)
{
    QSqlError error;
    return m_conversations.memberships(userKey, rooms, &error)
           || fail(u"Cannot read the memberships"_s, error.text());
}

bool HistoryStore::directPartners(const QString &userKey, QList<DirectPartner> *partners)
{
    QSqlError error;
    return m_conversations.directPartners(userKey, partners, &error)
           || fail(u"Cannot read the direct conversations"_s, error.text());
}

qint64 HistoryStore::directDelivered(const QString &userKey)
{
    QSqlError error;
    const qint64 delivered = m_conversations.directDelivered(userKey, &error);
    if (delivered < 0)
        fail(u"Cannot read the delivered direct messages"_s, error.text());
    return delivered;
}
