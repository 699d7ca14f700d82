// Lives in the server thread (ChatServer owns it); its batches are stored by the HistoryWriter in
// the database thread, through queued signals.
//
// The group commit (docs/ARCHITECTURE.md, "Group commit"): events wait in a pending list; at most
// one batch is being stored at a time, and whatever arrives meanwhile goes into the next one (one
// fsync for many messages, and the broadcast order is the id order). Nothing is broadcast or
// acknowledged before it is stored: a stored batch comes back as one fan-out, its frames built
// once (everyone's stream, and each sender's with its acknowledgements in place of the common
// copy). Joins and leaves alone wait up to coalesceMs for company; anything else is stored at
// once. A batch that could not be stored is never delivered: its senders are told why (the
// commit's refusals), the operator once per change (storageProblem), and the next batch tries
// again, so chat resumes by itself once there is room.
#pragma once

#include "historystore.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>

class QTimer;

class CommitPipeline final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommitPipeline)

public:
    // Joins and leaves alone wait this long for company before they are stored and broadcast:
    // when hundreds connect at once, everyone gets one write per window instead of one per join.
    static constexpr int PresenceCoalesceMs = 100;

    // One stored batch, framed for the fan-out: `common` for every chat client, `personal` for
    // the senders in the batch; `events` what was stored (duplicates excluded), in id order.
    // `failed`: what could not be stored (then `error`, and `full` when for want of room), and
    // `refusals` the error frames its senders get.
    struct Refusal
    {
        ClientId client = 0;
        QByteArray frame;
    };
    // One conversation's frames in a batch: everyone's copy and the senders' own.
    struct Stream
    {
        QByteArray common;
        QHash<ClientId, QByteArray> personal;
        qint64 firstId = 0; // of the stream's first event: streams go out in this order
        QString room; // a room other than general, or empty for a DM …
        QString fromKey; // … between these two users (comparison keys)
        QString toKey;
    };
    // `common` and `personal` are general's (the one stream of most batches: every chat client
    // is in general); `streams` the other rooms' and the DMs', in the order of their first ids.
    struct Commit
    {
        QByteArray common;
        QHash<ClientId, QByteArray> personal;
        qint64 generalFirstId = 0; // 0: no event of general in the batch
        QList<Stream> streams;
        QList<ChatEvent> events;
        QList<PendingEvent> failed;
        QList<Refusal> refusals;
        QString error;
        bool full = false;
    };

    explicit CommitPipeline(QObject *parent = nullptr, int coalesceMs = PresenceCoalesceMs);

    // The database the batches go to, for the operator's problem texts.
    void setStorage(const QString &databasePath, qint64 maxHistoryBytes);
    void enqueue(const PendingEvent &event);
    // While stopping nothing waits for company: what is pending is stored at once.
    void setStopping(bool stopping) { m_stopping = stopping; }
    // A batch is being stored.
    bool isWriting() const { return m_writeInFlight; }
    // Nothing pending, nothing being stored.
    bool isIdle() const { return !m_writeInFlight && m_pending.isEmpty(); }
    // Hands over what has not been sent to be stored yet (a stop that stores it itself); the
    // actions waiting for it (afterPending) are dropped.
    QList<PendingEvent> takePending();
    // Runs action once every event enqueued so far has been handed to the HistoryWriter: at once
    // when none waits, else right after the batch with the last of them is handed over (events
    // enqueued later go into the next batch). What the action queues to the writer (the
    // operator's changes of rooms) is therefore stored after those events and before later ones.
    void afterPending(std::function<void()> action);

    // The frames of stored events: everyone's stream and the senders' own streams, per
    // conversation.
    static Commit frame(const QList<StoredEvent> &results);

public slots:
    // The HistoryWriter's answer to storeRequested.
    void onBatchStored(const QList<StoredEvent> &results, const QList<PendingEvent> &failed,
                       const QString &error, bool full);

signals:
    // Queued to the HistoryWriter in the database thread.
    void storeRequested(const QList<PendingEvent> &batch);
    // A batch's outcome, in the order the batches were stored.
    void committed(const CommitPipeline::Commit &commit);
    // Nothing pending, nothing being stored (after a commit).
    void drained();
    // The history could not be written (problem says why, for the operator), or can be again
    // (problem empty). Emitted on each change, not for every failed batch.
    void storageProblem(const QString &problem);

private:
    static void append(const StoredEvent &stored, QByteArray &common,
                       QHash<ClientId, QByteArray> &personal);
    void flush();
    void scheduleFlush();
    void refuse(Commit &commit) const;
    QString problemText(const Commit &commit) const;
    void noteProblem(const QString &problem);

    struct Barrier
    {
        qsizetype pendingCount; // the action runs once this many pending events are handed over
        std::function<void()> action;
    };

    int m_coalesceMs;
    QList<PendingEvent> m_pending;
    QList<Barrier> m_barriers; // in the order of their counts
    bool m_writeInFlight = false;
    bool m_pendingUrgent = false; // m_pending holds more than joins and leaves
    bool m_stopping = false;
    QTimer *m_flushTimer = nullptr;
    QString m_databasePath;
    qint64 m_maxHistoryBytes = 0;
    QString m_storageProblem; // empty while batches are stored
};
