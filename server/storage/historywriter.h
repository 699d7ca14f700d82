// Lives in the database thread (created by ChatServer, moved there before use). Owns the write
// connection and commits batches of events, so that fsync never stalls the server thread.
#pragma once

#include "historystore.h"

#include <QObject>

class HistoryWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryWriter)

public:
    explicit HistoryWriter(QObject *parent = nullptr);
    ~HistoryWriter() override;

    // Called with a blocking queued invocation from the server thread during start and stop.
    // maxBytes caps the file (0: no cap); a batch that does not fit fails with full = true.
    bool open(const QString &filePath, qint64 maxBytes, QString *error);
    void close();

public slots:
    // SQLite's quick_check of the whole file, queued right after open(): every write waits for
    // it in this thread's queue. Answers with integrityChecked; after damage, nothing more is
    // written (batches fail with the damage as their error).
    void checkIntegrity();
    // One transaction for the whole batch; answers with batchStored (error empty on success;
    // full when the size limit or the disk is full).
    void store(const QList<PendingEvent> &batch);
    void storeBan(const BanInfo &ban); // answers with banStored
    void removeBan(qint64 id);
    void storeModeration(const ModerationRecord &record);
    // Registered names (RegistrationTable). storeRegistration answers with registrationStored.
    void storeRegistration(const Registration &registration);
    void touchRegistration(const QString &userKey, qint64 lastSeenMs);
    void removeRegistration(const QString &userKey);
    // Rooms (the operator's): each answers with roomChanged (error empty on success).
    void createRoom(const RoomInfo &room);
    void deleteRoom(const QString &name, qint64 deletedMs);
    void lockRoom(const QString &name, bool locked);
    // The newest DM event id delivered to a registered user (never moves backwards).
    void storeDirectDelivered(const QString &userKey, qint64 eventId);

signals:
    // damage empty: the file is sound.
    void integrityChecked(const QString &damage, qint64 elapsedMs);
    void batchStored(const QList<StoredEvent> &results, const QList<PendingEvent> &failed,
                     const QString &error, bool full);
    void banStored(const BanInfo &ban, const QString &error);
    // error empty: committed.
    void registrationStored(const QString &userKey, const QString &error);
    void roomChanged(const QString &name, const QString &error);

private:
    // False (and a failed batch) once the check found damage: a damaged file is not written to.
    bool writable(const QList<PendingEvent> &batch = {});

    HistoryStore m_store;
    QString m_damage;
};
