#include "historystore.h"

#include "logging.h"
#include "privatefiles.h"
#include "usernamerules.h"

#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>

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
    // One line: SQLite's messages (quick_check's in particular) may contain line breaks.
    m_lastError = u"%1: %2"_s.arg(what, error).simplified();
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
    m_callerReports = true;
    const bool opened = openConnection(filePath, readOnly);
    m_callerReports = false;
    if (!opened) {
        close(); // a refused file must not stay usable through this instance
        return false;
    }
    return true;
}

bool HistoryStore::openConnection(const QString &filePath, bool readOnly)
{
    m_filePath = filePath;
    const QFileInfo info(filePath);
    if (!readOnly && !PrivateFiles::makeDirectory(info.absolutePath()))
        return fail(u"Cannot create the data directory %1"_s.arg(info.absolutePath()),
                    u"permission denied or not a directory"_s);
    if (info.isDir())
        return fail(u"Cannot open the history database %1"_s.arg(filePath),
                    u"it is a directory, not a file"_s);
    if (!readOnly) {
        // The history is the owner's alone: SQLite creates the WAL and shared-memory files with
        // the database's permissions, so they follow. A missing file is created 0600 here
        // (SQLite would create it 0644 under the usual umask); one an older version left open
        // to others is closed.
        PrivateFiles::makeFile(filePath);
        PrivateFiles::restrict(filePath + u"-wal"_s);
        PrivateFiles::restrict(filePath + u"-shm"_s);
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    db.setDatabaseName(filePath);
    db.setConnectOptions(readOnly ? u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s
                                  : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!db.open())
        return fail(u"Cannot open the history database %1 (%2)"_s.arg(
                        filePath, db.lastError().databaseText()),
                    u"check the permissions of the file and its directory"_s);

    QSqlQuery version(db);
    if (!version.exec(u"PRAGMA user_version"_s) || !version.next()) {
        // Random bytes, or a header that is not SQLite's: never replaced by an empty history.
        const QString code = version.lastError().nativeErrorCode();
        if (code == "26"_L1 || code == "11"_L1) // SQLITE_NOTADB, SQLITE_CORRUPT
            return fail(u"The history database %1 is damaged or not a LanChat database (%2)"_s.arg(
                            filePath, version.lastError().databaseText()),
                        u"move it away or restore a backup; LanChat does not start with an "
                        u"empty history in its place"_s);
        if (code == "14"_L1 || code == "8"_L1 || code == "23"_L1) // CANTOPEN, READONLY, AUTH
            return fail(u"Cannot open the history database %1 (%2)"_s.arg(
                            filePath, version.lastError().databaseText()),
                        u"check the permissions of the file and its directory"_s);
        return fail(u"Cannot read the history database %1"_s.arg(filePath),
                    version.lastError().databaseText());
    }
    const int schema = version.value(0).toInt();
    version.finish();
    if (schema > SchemaVersion)
        return fail(u"The history database %1 was written by a newer LanChat"_s.arg(filePath),
                    u"schema version %1, this build knows %2"_s.arg(schema).arg(SchemaVersion));
    if (readOnly) {
        if (schema != SchemaVersion)
            return fail(u"Cannot read the history database %1"_s.arg(filePath),
                        u"schema version %1, expected %2"_s.arg(schema).arg(SchemaVersion));
        // The writer set WAL; a reader that found another mode would block it while reading.
        QSqlQuery mode(db);
        if (!mode.exec(u"PRAGMA journal_mode"_s) || !mode.next()
            || mode.value(0).toString().compare("wal"_L1, Qt::CaseInsensitive) != 0)
            return fail(u"The history database %1 is not in WAL mode"_s.arg(filePath),
                        mode.lastError().isValid() ? mode.lastError().databaseText()
                                                   : mode.value(0).toString());
        return true;
    }

    if (!checkIntegrity())
        return false;
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
    return checkWritable(schema) && migrate(schema);
}

// quick_check reads every page (about 1 s per GB here, docs/ARCHITECTURE.md) but skips the
// index-to-table comparison of integrity_check: damage shows at start, not at the first read of
// an old page in the middle of a chat.
bool HistoryStore::checkIntegrity()
{
    QSqlQuery check(QSqlDatabase::database(m_connectionName, false));
    if (!check.exec(u"PRAGMA quick_check(1)"_s) || !check.next())
        return fail(u"The history database %1 is damaged (%2)"_s.arg(
                        m_filePath, check.lastError().databaseText()),
                    u"move it away or restore a backup; LanChat does not start with an empty "
                    u"history in its place"_s);
    const QString verdict = check.value(0).toString();
    if (verdict != "ok"_L1)
        return fail(u"The history database %1 is damaged (%2)"_s.arg(m_filePath, verdict),
                    u"move it away or restore a backup; LanChat does not start with an empty "
                    u"history in its place"_s);
    return true;
}

// A file the process may read but not write (read-only mount, no permission) opens without
// complaint, and even takes the write lock in WAL mode; only writing a page tells. The page is
// rewritten unchanged (the schema version) and rolled back.
bool HistoryStore::checkWritable(int schema)
{
    QSqlQuery probe(QSqlDatabase::database(m_connectionName, false));
    const bool writable
        = probe.exec(u"BEGIN IMMEDIATE"_s) && probe.exec(u"PRAGMA user_version=%1"_s.arg(schema));
    const QSqlError error = probe.lastError();
    probe.exec(u"ROLLBACK"_s);
    if (!writable)
        return fail(u"The history database %1 cannot be written (%2)"_s.arg(m_filePath,
                                                                            error.databaseText()),
                    u"check the permissions of the file and its directory"_s);
    return true;
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

const QList<QStringList> &HistoryStore::schemaSteps()
{
    // Step N moves the schema from version N to N + 1.
    static const QList<QStringList> steps = {
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
    return steps;
}

bool HistoryStore::migrate(int version)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // Each step runs inside one transaction.
    const QList<QStringList> &steps = schemaSteps();
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
    // No RETURNING: a statement without result columns runs to completion in exec(), and the new
    // id and whether a row was inserted come from sqlite3_last_insert_rowid() and
    // sqlite3_changes() (lastInsertId(), numRowsAffected()). Fetching a RETURNING row per insert
    // held 1,000-row batches to 62,000-66,000 rows/s; without it 88,000-93,000 (historybench).
    QSqlQuery &insert
        = statement(u"INSERT INTO events (ts, kind, username, user_key, text, cid, operator)"
                    u" VALUES (?, ?, ?, ?, COALESCE(?, ''), ?, ?)"
                    u" ON CONFLICT (user_key, cid) WHERE cid IS NOT NULL DO NOTHING"_s);
    QSqlQuery &findCid
        = statement(u"SELECT id, ts, text FROM events WHERE user_key = ? AND cid = ?"_s);
    const auto abort = [&](const QString &what, const QSqlError &error) {
        results->clear();
        return failAppend(what, error);
    };
    QSqlQuery &begin = statement(u"BEGIN"_s);
    if (!begin.exec())
        return abort(u"Cannot begin a transaction"_s, begin.lastError());

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
            return abort(u"Cannot store an event"_s, insert.lastError());
        if (insert.numRowsAffected() == 1) {
            stored.event.id = insert.lastInsertId().toLongLong();
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
    QSqlQuery &commit = statement(u"COMMIT"_s);
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
