#include "commitpipeline.h"

#include "conversationstore.h"
#include "logging.h"
#include "protocol.h"
#include "usernamerules.h"

#include <QTimer>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

CommitPipeline::CommitPipeline(QObject *parent, int coalesceMs)
    : QObject(parent), m_coalesceMs(coalesceMs), m_flushTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, &CommitPipeline::flush);
}

void CommitPipeline::setStorage(const QString &databasePath, qint64 maxHistoryBytes)
{
    m_databasePath = databasePath;
    m_maxHistoryBytes = maxHistoryBytes;
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
    m_barriers.clear();
    return std::exchange(m_pending, {});
}

void CommitPipeline::afterPending(std::function<void()> action)
{
    if (m_pending.isEmpty())
        action();
    else
        m_barriers.append({m_pending.size(), std::move(action)});
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
    if (m_barriers.isEmpty()) {
        emit storeRequested(std::exchange(m_pending, {}));
        return;
    }
    // The batch ends at the first barrier; the rest waits for the next one.
    const qsizetype count = m_barriers.constFirst().pendingCount;
    emit storeRequested(m_pending.first(count));
    m_pending.remove(0, count);
    while (!m_barriers.isEmpty() && m_barriers.constFirst().pendingCount == count)
        m_barriers.takeFirst().action();
    for (Barrier &barrier : m_barriers)
        barrier.pendingCount -= count;
    m_pendingUrgent = std::any_of(m_pending.cbegin(), m_pending.cend(), [](const auto &pending) {
        return pending.event.kind != ChatEvent::Kind::Join
               && pending.event.kind != ChatEvent::Kind::Leave;
    });
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
    if (!failed.isEmpty())
        refuse(commit);
    emit committed(commit);
    if (!failed.isEmpty())
        noteProblem(problemText(commit));
    else if (!m_storageProblem.isEmpty())
        noteProblem({});
    if (!m_pending.isEmpty())
        scheduleFlush();
    else
        emit drained();
}

// The whole batch goes out as one write per client (a write costs a notifier round trip in Qt's
// event loop, whatever its size): everyone gets the common stream, except that each sender in
// the batch gets its own, with its acknowledgements in place of the common copy. Events of other
// rooms and DMs go into a stream per conversation, delivered to its members only.
CommitPipeline::Commit CommitPipeline::frame(const QList<StoredEvent> &results)
{
    Commit commit;
    QHash<QString, qsizetype> streamIndex; // conversation -> index in commit.streams
    for (const StoredEvent &stored : results) {
        const ChatEvent &event = stored.event;
        if (!event.isDirect() && (event.room.isEmpty() || event.room == Protocol::DefaultRoom)) {
            if (commit.generalFirstId == 0)
                commit.generalFirstId = event.id;
            append(stored, commit.common, commit.personal);
        } else {
            Stream stream;
            if (event.isDirect()) {
                stream.fromKey = UsernameRules::comparisonKey(event.username);
                stream.toKey = UsernameRules::comparisonKey(event.to);
            } else {
                stream.room = event.room;
            }
            const QString key = event.isDirect()
                                    ? ConversationStore::directName(stream.fromKey, stream.toKey)
                                    : event.room;
            auto it = streamIndex.constFind(key);
            if (it == streamIndex.cend()) {
                stream.firstId = event.id;
                it = streamIndex.insert(key, commit.streams.size());
                commit.streams.append(stream);
            }
            Stream &target = commit.streams[it.value()];
            append(stored, target.common, target.personal);
        }
        if (!stored.duplicate)
            commit.events.append(event);
    }
    return commit;
}

void CommitPipeline::append(const StoredEvent &stored, QByteArray &common,
                            QHash<ClientId, QByteArray> &personal)
{
    const auto streamOf = [&](ClientId sender) -> QByteArray & {
        auto it = personal.find(sender);
        if (it == personal.end())
            it = personal.insert(sender, common); // everything before this event, as everyone
        return *it;
    };
    if (stored.duplicate) {
        // A re-sent message we already have: acknowledge it again, store and show nothing.
        streamOf(stored.sender)
            += Protocol::textFrame(Protocol::eventFrame(stored.event, stored.cid, true));
        return;
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
}

void CommitPipeline::refuse(Commit &commit) const
{
    const QString clientText = commit.full
                                   ? u"The chat history is full, so your message was not stored "
                                     u"or delivered. The operator has been told."_s
                                   : u"The server cannot write the chat history, so your message "
                                     u"was not stored or delivered. The operator has been told."_s;
    for (const PendingEvent &pending : std::as_const(commit.failed)) {
        qCDebug(lcStore).noquote() << "not stored:" << LanChat::kindName(pending.event.kind)
                                   << "from" << LanChat::escapeForLog(pending.event.username);
        if (pending.sender != 0)
            commit.refusals.append(
                {pending.sender,
                 Protocol::errorFrame(Protocol::Error::StorageFailed, clientText, pending.cid)});
    }
}

QString CommitPipeline::problemText(const Commit &commit) const
{
    if (commit.full && m_maxHistoryBytes > 0)
        return u"The history database %1 is full (its limit is %2 MiB, or the disk is full): "
               u"new messages are refused until the limit is raised or space is freed."_s
                   .arg(m_databasePath)
                   .arg(double(m_maxHistoryBytes) / (1024 * 1024));
    if (commit.full)
        return u"The disk holding the history database %1 is full: new messages are refused "
               u"until space is freed."_s.arg(m_databasePath);
    return u"The history database %1 cannot be written (%2): new messages are refused "
           u"until it can."_s.arg(m_databasePath, commit.error);
}

void CommitPipeline::noteProblem(const QString &problem)
{
    if (problem == m_storageProblem)
        return;
    m_storageProblem = problem;
    if (problem.isEmpty())
        qCWarning(lcStore) << "the history can be written again";
    else
        qCWarning(lcStore).noquote() << problem;
    emit storageProblem(problem);
}

#include "moc_commitpipeline.cpp"
