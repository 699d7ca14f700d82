// Durable chat history in SQLite (Qt SQL, QSQLITE). Not a QObject: each instance owns one
// database connection and must be used only in the thread that called open(). The server uses
// one instance for writes in the HistoryWriter thread and one read-only instance for queries.
#pragma once

#include "chattypes.h"

#include <QList>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

#include <unordered_map>

class HistoryStore final
{
public:
    explicit HistoryStore(const QString &connectionName);
    ~HistoryStore();
    Q_DISABLE_COPY_MOVE(HistoryStore)

    // Opens and vets the file (HistoryFile: a writable open checks it and migrates its schema)
    // and refuses a damaged or unwritable file rather than working with it or replacing it.
    bool open(const QString &filePath, bool readOnly = false);
    void close();
    bool isOpen() const;
    QString lastError() const { return m_lastError; }
    // Whether the last failure was SQLITE_FULL: the size limit or the disk.
    bool lastErrorWasFull() const { return m_lastErrorWasFull; }
    QString filePath() const { return m_filePath; }
    // This instance's database connection (for RegistrationTable), in the thread that opened it.
    QString connectionName() const { return m_connectionName; }
    // Caps the database file at about maxBytes (PRAGMA max_page_count, this connection only);
    // 0: no cap. A file already bigger keeps its contents and does not grow.
    bool setSizeLimit(qint64 maxBytes);

    // Stores the batch in one transaction; on failure nothing of it is stored, the transaction
    // is rolled back and the connection stays usable.
    bool append(const QList<PendingEvent> &batch, QList<StoredEvent> *results);
    bool page(const HistoryQuery &query, HistoryPage *page);
    qint64 lastId();
    qint64 count();

    // Bans and the moderation log (schema version 2).
    bool addBan(BanInfo *ban); // assigns ban->id
    bool removeBan(qint64 id);
    bool activeBans(qint64 nowMs, QList<BanInfo> *bans);
    bool addModeration(ModerationRecord *record); // assigns record->id
    bool recentModeration(int limit, QList<ModerationRecord> *records);
    // Moves the WAL content into the main file (on shutdown).
    bool checkpoint();

private:
    bool fail(const QString &what, const QString &error);
    bool failAppend(const QString &what, const QSqlError &error);

    QSqlQuery &statement(const QString &sql);

    std::unordered_map<QString, QSqlQuery> m_statements; // prepared, by SQL text
    QString m_connectionName;
    QString m_filePath;
    QString m_lastError;
    bool m_lastErrorWasFull = false;
    bool m_callerReports = false; // log failures at debug level only
};
