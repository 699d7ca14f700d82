#include "outboxpacer.h"

#include "outbox.h"

#include <QTimer>

OutboxPacer::OutboxPacer(Outbox *outbox, QObject *parent)
    : QObject(parent), m_outbox(outbox), m_pauseTimer(new QTimer(this))
{
    m_pauseTimer->setSingleShot(true);
    // Never early: a pause shorter than the server's refill time earns another rate_limited.
    m_pauseTimer->setTimerType(Qt::PreciseTimer);
    connect(m_pauseTimer, &QTimer::timeout, this, &OutboxPacer::pump);
}

void OutboxPacer::start()
{
    m_inFlight.clear();
    m_paceMs = 0; // a new connection starts with a full allowance
    m_pauseTimer->stop();
    m_sending = true;
}

void OutboxPacer::stop()
{
    m_sending = false;
    m_inFlight.clear();
    m_pauseTimer->stop();
}

void OutboxPacer::pump()
{
    if (!m_sending || !m_inFlight.isEmpty() || m_pauseTimer->isActive() || m_outbox->isEmpty())
        return;
    if (m_paceMs > 0 && m_lastSend.isValid() && m_lastSend.elapsed() < m_paceMs) {
        m_pauseTimer->start(int(m_paceMs - m_lastSend.elapsed()));
        return;
    }
    const OutgoingMessage next = m_outbox->messages().first();
    m_inFlight = next.cid;
    m_lastSend.start();
    emit sendRequested(next);
}

void OutboxPacer::acknowledged(const QString &cid)
{
    if (cid != m_inFlight)
        return;
    m_inFlight.clear();
    m_storageRetryMs = 0;
    if (m_outbox->isEmpty())
        m_paceMs = 0;
    pump();
}

void OutboxPacer::refused(const QString &cid)
{
    if (cid != m_inFlight)
        return;
    m_inFlight.clear();
    pump();
}

bool OutboxPacer::rateLimited(const QString &cid)
{
    // Dropped by the flood control, not stored: again after a pause, and slower from now on.
    m_paceMs = m_paceMs == 0 ? RateLimitPauseMs : qMin(m_paceMs * 3 / 2, MaxPaceMs);
    return retryLater(cid, m_paceMs);
}

bool OutboxPacer::storageFailed(const QString &cid)
{
    // The history is full or cannot be written: the operator has been told; keep trying.
    m_storageRetryMs = m_storageRetryMs == 0 ? StorageRetryInitialMs
                                             : qMin(m_storageRetryMs * 2, StorageRetryMaxMs);
    return retryLater(cid, m_storageRetryMs);
}

bool OutboxPacer::retryLater(const QString &cid, int delayMs)
{
    if (cid != m_inFlight)
        return false; // not sent by this connection, or answered already
    m_inFlight.clear();
    m_pauseTimer->start(delayMs);
    return true;
}

#include "moc_outboxpacer.cpp"
