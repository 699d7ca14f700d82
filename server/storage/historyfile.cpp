#include "historyfile.h"

#include "logging.h"
#include "privatefiles.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

HistoryFile::HistoryFile(const QString &connectionName, const QString &filePath)
    : m_connectionName(connectionName), m_filePath(filePath)
{ }

bool HistoryFile::fail(const QString &what, const QString &detail)
{
    m_what = what;
    m_detail = detail;
    return false;
}

bool HistoryFile::exec(const QString &statement)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(statement))
        return fail(u"SQL failed (%1)"_s.arg(statement.left(60)), query.lastError().text());
    return true;
}

bool HistoryFile::open(bool readOnly)
{
    const QString &filePath = m_filePath;
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

    // A migration writes to the file: a damaged one is refused before. Otherwise the check runs
    // after the start, before the first write (HistoryWriter::checkIntegrity): a large history
    // must not delay the start by a second per GB.
    if (schema < SchemaVersion && !checkIntegrity())
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
// index-to-table comparison of integrity_check: damage shows before the first write, not at the
// first read of an old page in the middle of a chat.
bool HistoryFile::checkIntegrity()
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
bool HistoryFile::checkWritable(int schema)
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

const QList<QStringList> &HistoryFile::schemaSteps()
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
        {
            // Conversations: rooms by name and direct messages (DMs) between two users. A DM's
            // name is the two users' comparison keys, sorted, joined by U+001F. A deleted room
            // keeps its row and its events; a new room of the same name is a new conversation.
            u"CREATE TABLE conversations ("
            u" id INTEGER PRIMARY KEY AUTOINCREMENT,"
            u" kind TEXT NOT NULL,"
            u" name TEXT NOT NULL,"
            u" topic TEXT NOT NULL DEFAULT '',"
            u" locked INTEGER NOT NULL DEFAULT 0,"
            u" created INTEGER NOT NULL DEFAULT 0,"
            u" created_by TEXT NOT NULL DEFAULT '',"
            u" deleted INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE UNIQUE INDEX conversations_live ON conversations(kind, name)"
            u" WHERE deleted = 0"_s,
            // The history so far becomes general's, ids unchanged.
            u"INSERT INTO conversations(id, kind, name) VALUES (1, 'room', 'general')"_s,
            u"ALTER TABLE events ADD COLUMN conversation INTEGER NOT NULL DEFAULT 1"_s,
            u"ALTER TABLE events ADD COLUMN recipient TEXT NOT NULL DEFAULT ''"_s,
            u"CREATE INDEX events_conversation ON events(conversation, id)"_s,
            u"CREATE TABLE memberships (user_key TEXT NOT NULL, conversation INTEGER NOT NULL,"
            u" PRIMARY KEY (user_key, conversation)) WITHOUT ROWID"_s,
            u"CREATE TABLE registrations ("
            u" user_key TEXT PRIMARY KEY,"
            u" username TEXT NOT NULL,"
            u" identity_hash BLOB NOT NULL,"
            u" first_seen INTEGER NOT NULL,"
            u" last_seen INTEGER NOT NULL,"
            u" direct_delivered INTEGER NOT NULL DEFAULT 0)"_s,
        },
    };
    return steps;
}

bool HistoryFile::migrate(int version)
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
