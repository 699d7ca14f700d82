// Durable chat history in SQLite (Qt SQL, QSQLITE). Not a QObject: each instance owns one
// database connection and must be used only in the thread that called open(). The server uses
// one instance for writes in the HistoryWriter thread and one read-only instance for queries.
#pragma once

#include "chattypes.h"
#include "conversationstore.h"
#include "statementcache.h"

#include <QList>
#include <QSqlError>
#include <QString>

#include <functional>
#include <optional>

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
    // is rolled back and the connection stays usable. Each event goes to its conversation (the
    // room event.room, or the DM of userKey and recipientKey), created when needed; a registered
    // user's Join/Leave of a room and a room's Topic change the room in the same transaction
    // (ConversationStore).
    bool append(const QList<PendingEvent> &batch, QList<StoredEvent> *results);
    // One conversation's page (keyset on conversation and id: the same cost at any depth), or
    // the operator's search over every room (and DM, with includeDirect). A room or DM that does
    // not exist gives an empty page.
    bool page(const HistoryQuery &query, HistoryPage *page);
    // The user's DM events after an id, oldest first (offline delivery).
    bool directAfter(const QString &userKey, qint64 afterId, int limit, HistoryPage *page);
    qint64 lastId();
    qint64 count();

    // Bans and the moderation log (schema version 2).
    bool addBan(BanInfo *ban); // assigns ban->id
    bool removeBan(qint64 id);
    bool activeBans(qint64 nowMs, QList<BanInfo> *bans);
    bool addModeration(ModerationRecord *record); // assigns record->id
    bool recentModeration(int limit, QList<ModerationRecord> *records);

    // Conversations (schema version 3): the live rooms, a user's stored room memberships, a
    // user's DM partners, and the operator's changes to rooms (each in one transaction).
    bool rooms(QList<RoomInfo> *rooms);
    bool memberships(const QString &userKey, QStringList *rooms);
    bool directPartners(const QString &userKey, QList<DirectPartner> *partners);
    qint64 directDelivered(const QString &userKey); // -1 on failure
    // The names of the DM conversations and the number of DM events: counts for the operator.
    bool directStats(QStringList *conversations, qint64 *events);
    bool createRoom(const RoomInfo &room);
    bool deleteRoom(const QString &name, qint64 deletedMs);
    bool lockRoom(const QString &name, bool locked);
    bool setDirectDelivered(const QString &userKey, qint64 eventId);
    // Moves the WAL content into the main file (on shutdown).
    bool checkpoint();

private:
    bool fail(const QString &what, const QString &error);
    bool failAppend(const QString &what, const QSqlError &error);
    bool readPage(const QString &sql, const QVariantList &values, int limit, bool ascending,
                  const std::optional<QString> &room, HistoryPage *page);
    // Runs change in a transaction of its own; what names the failure.
    bool changeConversations(const QString &what,
                             const std::function<bool(QSqlError *error)> &change);

    QString m_connectionName;
    StatementCache m_statements;
    ConversationStore m_conversations {m_statements};
    QString m_filePath;
    QString m_lastError;
    bool m_lastErrorWasFull = false;
    bool m_callerReports = false; // log failures at debug level only
};
