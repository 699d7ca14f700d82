#include "commitpipeline.h"

#include "protocol.h"

#include <QTimer>

#include <utility>

CommitPipeline::CommitPipeline(QObject *parent, int coalesceMs)
    : QObject(parent), m_coalesceMs(coalesceMs), m_flushTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, &CommitPipeline::flush);
}

void CommitPipeline::enqueue(const PendingEvent &event)
{
    m_pending.append(event);
    const ChatEvent::Kind kind = event.event.kind;
    if (kind != ChatEvent::Kind::Join && kind != ChatEvent::Kind::Leave)
        m_pendingUrgent = true;
    // Everything that arrives while a batch is being committed joins the next batch: one fsync
    // for many messages, and at most one batch in flight keeps the broadcast order = id order.
    if (!m_writeInFlight)
        scheduleFlush();
}

QList<PendingEvent> CommitPipeline::takePending()
{
    m_flushTimer->stop();
    m_pendingUrgent = false;
    return std::exchange(m_pending, {});
}

void CommitPipeline::scheduleFlush()
{
    const int delay = m_pendingUrgent || m_stopping ? 0 : m_coalesceMs;
    if (!m_flushTimer->isActive() || m_flushTimer->remainingTime() > delay)
        m_flushTimer->start(delay);
}

void CommitPipeline::flush()
{
    if (m_writeInFlight || m_pending.isEmpty())
        return;
    m_flushTimer->stop();
    m_writeInFlight = true;
    m_pendingUrgent = false;
    emit storeRequested(std::exchange(m_pending, {}));
}

void CommitPipeline::onBatchStored(const QList<StoredEvent> &results,
                                   const QList<PendingEvent> &failed, const QString &error,
                                   bool full)
{
    m_writeInFlight = false;
    Commit commit = frame(results);
    commit.failed = failed;
    commit.error = error;
    commit.full = full;
    emit committed(commit);
    if (!m_pending.isEmpty())
        scheduleFlush();
    else
        emit drained();
}

// The whole batch goes out as one write per client (a write costs a notifier round trip in Qt's
// event loop, whatever its size): everyone gets the common stream, except that each sender in
// the batch gets its own, with its acknowledgements in place of the common copy.
CommitPipeline::Commit CommitPipeline::frame(const QList<StoredEvent> &results)
{
    Commit commit;
    QByteArray &common = commit.common;
    QHash<ClientId, QByteArray> &personal = commit.personal;
    const auto streamOf = [&](ClientId sender) -> QByteArray & {
        auto it = personal.find(sender);
        if (it == personal.end())
            it = personal.insert(sender, common); // everything before this event, as everyone
        return *it;
    };
    for (const StoredEvent &stored : results) {
        if (stored.duplicate) {
            // A re-sent message we already have: acknowledge it again, store and show nothing.
            streamOf(stored.sender)
                += Protocol::textFrame(Protocol::eventFrame(stored.event, stored.cid, true));
            continue;
        }
        QByteArray frame;
        if (stored.sender != 0) {
            const auto [everyone, ack] = Protocol::eventFrameAndAck(stored.event, stored.cid);
            frame = Protocol::textFrame(everyone);
            streamOf(stored.sender) += Protocol::textFrame(ack);
        } else {
            frame = Protocol::textFrame(Protocol::eventFrame(stored.event));
        }
        common += frame;
        for (auto it = personal.begin(); it != personal.end(); ++it) {
            if (it.key() != stored.sender)
                it.value() += frame;
        }
        commit.events.append(stored.event);
    }
    return commit;
}
