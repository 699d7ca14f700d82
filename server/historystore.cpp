#include "historystore.h"

#include "logging.h"
#include "usernamerules.h"

#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

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
    return ChatEvent::Kind::Message;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', "\\\\"_L1).replace(u'%', "\\%"_L1).replace(u'_', "\\_"_L1);
    return u'%' + escaped + u'%';
}

} // namespace

HistoryStore::HistoryStore(const QString &connectionName) : m_connectionName(connectionName) { }

HistoryStore::~HistoryStore()
{
    close();
}

bool HistoryStore::fail(const QString &what, const QString &error)
{
    m_lastError = u"%1: %2"_s.arg(what, error);
    qCWarning(lcStore).noquote() << m_lastError;
    return false;
}

bool HistoryStore::open(const QString &filePath, bool readOnly)
{
    close();
    if (!openConnection(filePath, readOnly)) {
        close(); // a refused file must not stay usable through this instance
        return false;
    }
    return true;
}

bool HistoryStore::openConnection(const QString &filePath, bool readOnly)
{
    m_filePath = filePath;
    const QFileInfo info(filePath);
    if (!readOnly && !QDir().mkpath(info.absolutePath()))
        return fail(u"Cannot create the data directory %1"_s.arg(info.absolutePath()),
                    u"permission denied or not a directory"_s);

    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    db.setDatabaseName(filePath);
    db.setConnectOptions(readOnly ? u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s
                                  : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!db.open())
        return fail(u"Cannot open the history database %1"_s.arg(filePath), db.lastError().text());

    QSqlQuery version(db);
    if (!version.exec(u"PRAGMA user_version"_s) || !version.next())
        return fail(u"Cannot read the history database %1"_s.arg(filePath),
                    version.lastError().text());
    const int schema = version.value(0).toInt();
    version.finish();
    if (schema > SchemaVersion)
        return fail(u"The history database %1 was written by a newer LanChat"_s.arg(filePath),
                    u"schema version %1, this build knows %2"_s.arg(schema).arg(SchemaVersion));
    if (readOnly) {
        if (schema != SchemaVersion)
            return fail(u"Cannot read the history database %1"_s.arg(filePath),
                        u"schema version %1, expected %2"_s.arg(schema).arg(SchemaVersion));
        return true;
    }

    // WAL lets the read connection query while the writer commits; FULL makes every acked
    // message survive an OS crash, not only a process crash.
    QSqlQuery pragma(db);
    if (!pragma.exec(u"PRAGMA journal_mode=WAL"_s) || !pragma.next()
        || pragma.value(0).toString().compare("wal"_L1, Qt::CaseInsensitive) != 0)
        return fail(u"Cannot switch %1 to WAL mode"_s.arg(filePath),
                    pragma.lastError().isValid() ? pragma.lastError().text()
                                                 : u"the database refused"_s);
    pragma.finish();
    if (!exec(u"PRAGMA synchronous=FULL"_s))
        return false;
    if (!pragma.exec(u"PRAGMA synchronous"_s) || !pragma.next() || pragma.value(0).toInt() != 2)
        return fail(u"Cannot enable synchronous=FULL on %1"_s.arg(filePath), u"refused"_s);
    pragma.finish();
    return migrate(schema);
}

void HistoryStore::close()
{
    m_statements.clear(); // before the connection goes
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

bool HistoryStore::exec(const QString &statement)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(statement))
        return fail(u"SQL failed (%1)"_s.arg(statement.left(60)), query.lastError().text());
    return true;
}

bool HistoryStore::migrate(int version)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // Each step moves the schema from version N to N + 1 inside one transaction.
    const QList<QStringList> steps = {
        {
            u"CREATE TABLE events ("
            u" id INTEGER PRIMARY KEY AUTOINCREMENT,"
            u" ts INTEGER NOT NULL,"
            u" kind TEXT NOT NULL,"
            u" username TEXT NOT NULL,"
            u" user_key TEXT NOT NULL,"
            u" text TEXT NOT NULL DEFAULT '',"
            u" cid TEXT)"_s,
            u"CREATE UNIQUE INDEX events_user_cid ON events(user_key, cid)"
            u" WHERE cid IS NOT NULL"_s,
            u"CREATE INDEX events_user_key ON events(user_key, id)"_s,
        },
        {
            u"ALTER TABLE events ADD COLUMN operator INTEGER NOT NULL DEFAULT 0"_s,
            u"CREATE TABLE bans ("
            u" id INTEGER PRIMARY KEY AUTOINCREMENT,"
            u" username TEXT NOT NULL DEFAULT '',"
            u" user_key TEXT NOT NULL DEFAULT '',"
            u" address TEXT NOT NULL DEFAULT '',"
            u" created INTEGER NOT NULL,"
            u" until INTEGER NOT NULL DEFAULT 0,"
            u" reason TEXT NOT NULL DEFAULT '',"
            u" created_by TEXT NOT NULL DEFAULT '')"_s,
            u"CREATE TABLE moderation ("
            u" id INTEGER PRIMARY KEY AUTOINCREMENT,"
            u" ts INTEGER NOT NULL,"
            u" actor TEXT NOT NULL,"
            u" action TEXT NOT NULL,"
            u" target TEXT NOT NULL,"
            u" reason TEXT NOT NULL DEFAULT '',"
            u" detail TEXT NOT NULL DEFAULT '')"_s,
        },
    };
    Q_ASSERT(steps.size() == SchemaVersion);
    for (int v = version; v < SchemaVersion; ++v) {
        if (!db.transaction())
            return fail(u"Cannot migrate %1"_s.arg(m_filePath), db.lastError().text());
        for (const QString &statement : steps.at(v)) {
            if (!exec(statement)) {
                db.rollback();
                return false;
            }
        }
        if (!exec(u"PRAGMA user_version=%1"_s.arg(v + 1)) || !db.commit()) {
            db.rollback();
            return fail(u"Cannot migrate %1"_s.arg(m_filePath), db.lastError().text());
        }
        qCInfo(lcStore) << "history schema migrated to version" << v + 1;
    }
    return true;
}

// One statement per row in the common case: the insert itself skips a cid that is already stored
// (the partial unique index), and only then is the original looked up.
bool HistoryStore::append(const QList<PendingEvent> &batch, QList<StoredEvent> *results)
{
    results->clear();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return fail(u"Cannot store events"_s, u"the database is not open"_s);
    QSqlQuery &insert = statement(
        u"INSERT INTO events (ts, kind, username, user_key, text, cid, operator)"
        u" VALUES (?, ?, ?, ?, COALESCE(?, ''), ?, ?)"
        u" ON CONFLICT (user_key, cid) WHERE cid IS NOT NULL DO NOTHING RETURNING id"_s);
    QSqlQuery &findCid
        = statement(u"SELECT id, ts, text FROM events WHERE user_key = ? AND cid = ?"_s);
    if (!db.transaction())
        return fail(u"Cannot begin a transaction"_s, db.lastError().text());
    const auto abort = [&](const QString &what, const QSqlQuery &query) {
        const QString error = query.lastError().text();
        db.rollback();
        results->clear();
        return fail(what, error);
    };

    results->reserve(batch.size());
    for (const PendingEvent &pending : batch) {
        StoredEvent stored;
        stored.event = pending.event;
        stored.sender = pending.sender;
        stored.cid = pending.cid;
        insert.bindValue(0, pending.event.timestampMs);
        insert.bindValue(1, LanChat::kindName(pending.event.kind));
        insert.bindValue(2, pending.event.username);
        insert.bindValue(3, pending.userKey);
        insert.bindValue(4, pending.event.text);
        insert.bindValue(5, pending.cid.isEmpty() ? QVariant() : QVariant(pending.cid));
        insert.bindValue(6, pending.event.fromOperator ? 1 : 0);
        if (!insert.exec())
            return abort(u"Cannot store an event"_s, insert);
        if (insert.next()) {
            stored.event.id = insert.value(0).toLongLong();
            insert.finish();
            results->append(stored);
            continue;
        }
        insert.finish();
        // Nothing inserted: this user already stored this cid. Answer with the original.
        findCid.bindValue(0, pending.userKey);
        findCid.bindValue(1, pending.cid);
        if (!findCid.exec() || !findCid.next())
            return abort(u"Cannot look up a client nonce"_s, findCid);
        stored.event.id = findCid.value(0).toLongLong();
        stored.event.timestampMs = findCid.value(1).toLongLong();
        stored.event.text = findCid.value(2).toString();
        stored.duplicate = true;
        findCid.finish();
        results->append(stored);
    }
    if (!db.commit()) {
        const QString error = db.lastError().text();
        db.rollback();
        results->clear();
        return fail(u"Cannot commit"_s, error);
    }
    return true;
}

// Prepared once per connection and reused: preparing costs as much as a small query.
QSqlQuery &HistoryStore::statement(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            qCWarning(lcStore).noquote() << "cannot prepare" << sql << query.lastError().text();
        it = m_statements.emplace(sql, std::move(query)).first;
    }
    return it->second;
}

bool HistoryStore::page(const HistoryQuery &query, HistoryPage *page)
{
    page->events.clear();
    page->hasMore = false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return fail(u"Cannot read the history"_s, u"the database is not open"_s);

    // Keyset pagination: every page is an index range scan, the same cost at any depth.
    const bool ascending = query.afterId >= 0;
    QStringList conditions;
    QVariantList values;
    if (query.beforeId >= 0) {
        conditions << u"id < ?"_s;
        values << query.beforeId;
    }
    if (query.afterId >= 0) {
        conditions << u"id > ?"_s;
        values << query.afterId;
    }
    if (!query.username.isEmpty()) {
        conditions << u"user_key = ?"_s;
        values << UsernameRules::comparisonKey(query.username);
    }
    if (!query.textContains.isEmpty()) {
        conditions << u"text LIKE ? ESCAPE '\\'"_s;
        values << likePattern(query.textContains);
    }
    QString sql = u"SELECT id, ts, kind, username, text, operator FROM events"_s;
    if (!conditions.isEmpty())
        sql += u" WHERE "_s + conditions.join(" AND "_L1);
    sql += ascending ? u" ORDER BY id ASC LIMIT ?"_s : u" ORDER BY id DESC LIMIT ?"_s;
    const int limit = std::max(1, query.limit);
    values << limit + 1;

    QSqlQuery &select = statement(sql);
    for (int i = 0; i < values.size(); ++i)
        select.bindValue(i, values.at(i));
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
    return exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
}

bool HistoryStore::addBan(BanInfo *ban)
{
    QSqlQuery insert(QSqlDatabase::database(m_connectionName, false));
    insert.prepare(u"INSERT INTO bans (username, user_key, address, created, until, reason,"
                   u" created_by) VALUES (COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''), ?, ?,"
                   u" COALESCE(?, ''), COALESCE(?, ''))"_s);
    insert.addBindValue(ban->username);
    insert.addBindValue(UsernameRules::comparisonKey(ban->username));
    insert.addBindValue(ban->address);
    insert.addBindValue(ban->createdMs);
    insert.addBindValue(ban->untilMs);
    insert.addBindValue(ban->reason);
    insert.addBindValue(ban->createdBy);
    if (!insert.exec())
        return fail(u"Cannot store a ban"_s, insert.lastError().text());
    ban->id = insert.lastInsertId().toLongLong();
    return true;
}

bool HistoryStore::removeBan(qint64 id)
{
    QSqlQuery remove(QSqlDatabase::database(m_connectionName, false));
    remove.prepare(u"DELETE FROM bans WHERE id = ?"_s);
    remove.addBindValue(id);
    if (!remove.exec())
        return fail(u"Cannot remove a ban"_s, remove.lastError().text());
    return true;
}

bool HistoryStore::activeBans(qint64 nowMs, QList<BanInfo> *bans)
{
    bans->clear();
    QSqlQuery select(QSqlDatabase::database(m_connectionName, false));
    select.prepare(u"SELECT id, username, address, created, until, reason, created_by FROM bans"
                   u" WHERE until = 0 OR until > ? ORDER BY id"_s);
    select.addBindValue(nowMs);
    if (!select.exec())
        return fail(u"Cannot read the bans"_s, select.lastError().text());
    while (select.next()) {
        BanInfo ban;
        ban.id = select.value(0).toLongLong();
        ban.username = select.value(1).toString();
        ban.address = select.value(2).toString();
        ban.createdMs = select.value(3).toLongLong();
        ban.untilMs = select.value(4).toLongLong();
        ban.reason = select.value(5).toString();
        ban.createdBy = select.value(6).toString();
        bans->append(ban);
    }
    return true;
}

bool HistoryStore::addModeration(ModerationRecord *record)
{
    QSqlQuery insert(QSqlDatabase::database(m_connectionName, false));
    insert.prepare(
        u"INSERT INTO moderation (ts, actor, action, target, reason, detail)"
        u" VALUES (?, COALESCE(?, ''), ?, COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''))"_s);
    insert.addBindValue(record->timestampMs);
    insert.addBindValue(record->actor);
    insert.addBindValue(LanChat::actionName(record->action));
    insert.addBindValue(record->target);
    insert.addBindValue(record->reason);
    insert.addBindValue(record->detail);
    if (!insert.exec())
        return fail(u"Cannot record a moderation action"_s, insert.lastError().text());
    record->id = insert.lastInsertId().toLongLong();
    return true;
}

bool HistoryStore::recentModeration(int limit, QList<ModerationRecord> *records)
{
    records->clear();
    QSqlQuery select(QSqlDatabase::database(m_connectionName, false));
    select.prepare(u"SELECT id, ts, actor, action, target, reason, detail FROM moderation"
                   u" ORDER BY id DESC LIMIT ?"_s);
    select.addBindValue(limit);
    if (!select.exec())
        return fail(u"Cannot read the moderation log"_s, select.lastError().text());
    while (select.next()) {
        ModerationRecord record;
        record.id = select.value(0).toLongLong();
        record.timestampMs = select.value(1).toLongLong();
        record.actor = select.value(2).toString();
        LanChat::actionFromName(select.value(3).toString(), &record.action);
        record.target = select.value(4).toString();
        record.reason = select.value(5).toString();
        record.detail = select.value(6).toString();
        records->prepend(record);
    }
    return true;
}
