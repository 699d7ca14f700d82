// Lives in the thread of its owner (the ChatClient's). Sends the Outbox's messages one at a
// time in the order written: the next when the previous one is answered. After `rate_limited`
// it pauses and then paces itself, after `storage_failed` it backs off (docs/PROTOCOL.md, "Error
// codes"): neither is a refusal, the message goes again with the same cid.
#pragma once

#include "clienttypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

class Outbox;
class QTimer;

class OutboxPacer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxPacer)

public:
    // After `rate_limited`: the message in flight goes again after this pause, and the ones after
    // it at this pace (a little slower than the default two messages a second); each further
    // `rate_limited` slows the pace by half, up to MaxPaceMs. An empty outbox ends the pacing.
    static constexpr int RateLimitPauseMs = 550;
    static constexpr int MaxPaceMs = 30000;
    // After `storage_failed` (the server's history is full or cannot be written): the message
    // waits, from this long doubling up to StorageRetryMaxMs, until one is stored again.
    static constexpr int StorageRetryInitialMs = 1000;
    static constexpr int StorageRetryMaxMs = 60000;

    OutboxPacer(Outbox *outbox, QObject *parent = nullptr);

    // A new connection was welcomed: sending may start, with a full allowance.
    void start();
    // The connection is gone: nothing is in flight (answered or not, it goes again on the next
    // connection) and nothing is sent until start().
    void stop();
    bool isSending() const { return m_sending; }

    // Sends the oldest unacknowledged message if none is in flight and no pause is running.
    void pump();
    // The cid sent on this connection and not answered yet; empty when none.
    QString inFlight() const { return m_inFlight; }
    int paceMs() const { return m_paceMs; }

    // The server stored the message (already removed from the outbox).
    void acknowledged(const QString &cid);
    // The server refused it for good (already removed from the outbox).
    void refused(const QString &cid);
    // The message was not stored and goes again later; true when it was the one in flight.
    bool rateLimited(const QString &cid);
    bool storageFailed(const QString &cid);

signals:
    // Send this frame now (it is in flight from here on).
    void sendRequested(const OutgoingMessage &message);

private:
    bool retryLater(const QString &cid, int delayMs);

    Outbox *m_outbox;
    QTimer *m_pauseTimer; // a pause before the next send (pacing, back-off)
    QString m_inFlight;
    QElapsedTimer m_lastSend;
    int m_paceMs = 0; // 0: send as soon as the previous one is acknowledged
    int m_storageRetryMs = 0;
    bool m_sending = false;
};
