#include "batchsender.h"

#include "logging.h"

#include <liburing.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace {
// Sends per system call; the completion queue is twice the submission queue (the default), so a
// full round of completions always fits and none is dropped.
constexpr unsigned RingEntries = 1024;
// An interrupted call is made again at once, but not forever.
constexpr int MaxInterruptedCalls = 16;

std::unique_ptr<io_uring> createRing(int *error)
{
    auto ring = std::make_unique<io_uring>();
    // SUBMIT_ALL: a send the kernel rejects at submission does not stop the ones after it.
    *error = io_uring_queue_init(RingEntries, ring.get(), IORING_SETUP_SUBMIT_ALL);
    return *error < 0 ? nullptr : std::move(ring);
}

bool isTransient(int error)
{
    return error == -EAGAIN || error == -EBUSY || error == -EINTR;
}
} // namespace

BatchSender::BatchSender()
{
    if (qEnvironmentVariable("LANCHAT_IO_URING") == QLatin1String("off"))
        return;
    int error = 0;
    m_ring = createRing(&error);
    if (!m_ring)
        qCInfo(lcConnections) << "io_uring unavailable, sending one call per client:"
                              << std::strerror(-error);
}

BatchSender::~BatchSender()
{
    if (m_ring)
        io_uring_queue_exit(m_ring.get());
}

void BatchSender::queue(int fd, const char *data, qsizetype size, quint64 tag)
{
    m_entries.push_back({fd, data, size, tag});
}

const std::vector<BatchSender::Shortfall> &BatchSender::flush()
{
    m_shortfalls.clear();
    std::size_t done = 0;
    while (m_ring && done < m_entries.size()) {
        const std::size_t count = std::min<std::size_t>(RingEntries, m_entries.size() - done);
        const std::size_t handled = flushThroughRing(done, count);
        done += handled;
        if (handled < count)
            break; // the ring failed: the rest of this batch goes through send()
    }
    flushOneByOne(done);
    m_entries.clear();
    return m_shortfalls;
}

std::size_t BatchSender::flushThroughRing(std::size_t first, std::size_t count)
{
    io_uring *ring = m_ring.get();
    for (std::size_t i = first; i < first + count; ++i) {
        const Entry &entry = m_entries[i];
        io_uring_sqe *sqe = io_uring_get_sqe(ring);
        // The queue was emptied by the previous round, so there is room for RingEntries.
        Q_ASSERT(sqe);
        io_uring_prep_send(sqe, entry.fd, entry.data, std::size_t(entry.size),
                           MSG_DONTWAIT | MSG_NOSIGNAL);
        io_uring_sqe_set_data64(sqe, i);
    }
    // The kernel takes entries in order; whatever it did not take goes through send().
    std::size_t submitted = 0;
    int submitError = 0;
    for (int interrupted = 0; submitted < count;) {
        const int result = submit();
        if (result > 0) {
            submitted += std::size_t(result);
        } else if (result == -EINTR && ++interrupted < MaxInterruptedCalls) {
            continue; // interrupted before taking anything: again
        } else {
            submitError = result < 0 ? result : -EAGAIN; // nothing taken: busy
            break;
        }
    }
    // Non-blocking sends complete while they are submitted, so their completions are in the
    // queue already; waiting only collects them. A wait that fails does not lose them: they are
    // read from the queue directly (no system call) instead.
    m_answered.assign(submitted, false); // no allocation once the ring has been full
    std::size_t reaped = 0;
    int waitError = 0;
    for (int interrupted = 0; reaped < submitted;) {
        io_uring_cqe *cqe = nullptr;
        int result = waitCompletion(&cqe);
        if (result == -EINTR && ++interrupted < MaxInterruptedCalls)
            continue;
        if (result < 0) {
            if (waitError == 0)
                waitError = result;
            result = peekCompletion(&cqe);
            if (result < 0)
                break; // not there: the kernel lost track of the rest
        }
        const std::size_t index = std::size_t(io_uring_cqe_get_data64(cqe));
        note(m_entries[index], cqe->res);
        io_uring_cqe_seen(ring, cqe);
        m_answered[index - first] = true;
        ++reaped;
        ++m_ringSends;
    }
    // Submitted but never answered: whether they went, and how much of them, cannot be known.
    // Sending them again could repeat or split a frame, so their sockets must be closed.
    for (std::size_t i = 0; reaped < submitted && i < submitted; ++i) {
        if (!m_answered[i]) {
            const Entry &entry = m_entries[first + i];
            m_shortfalls.push_back({entry.tag, entry.data, entry.size, 0, true});
        }
    }
    if (waitError != 0 || submitError != 0) {
        // Transient only when nothing was lost and neither error says the ring is broken.
        const bool transient = (submitError == 0 || isTransient(submitError))
                               && (waitError == 0 || isTransient(waitError)) && reaped == submitted;
        if (waitError != 0)
            recoverFromFailure("io_uring_wait_cqe", waitError, transient);
        else
            recoverFromFailure("io_uring_submit", submitError, transient);
    }
    return submitted;
}

void BatchSender::recoverFromFailure(const char *call, int error, bool transient)
{
    io_uring_queue_exit(m_ring.get()); // with whatever it had not taken yet
    m_ring.reset();
    if (transient) {
        int createError = 0;
        m_ring = createRing(&createError);
        if (m_ring) {
            if (!std::exchange(m_loggedTransientFailure, true))
                qCWarning(lcConnections).nospace()
                    << call << " failed (" << std::strerror(-error)
                    << "): this batch went out with one send() per client, the next ones use "
                       "io_uring again; further transient failures are not logged";
            return;
        }
        error = createError;
        call = "io_uring_queue_init";
    }
    qCWarning(lcConnections).nospace() << call << " failed (" << std::strerror(-error)
                                       << "): io_uring is off, sending one call per client";
}

void BatchSender::failNextRingCalls(RingCall call, int error, int times)
{
    InjectedFault &fault = call == RingCall::Submit           ? m_submitFault
                           : call == RingCall::WaitCompletion ? m_waitFault
                                                              : m_peekFault;
    fault.error = error;
    fault.times = times;
}

int BatchSender::submit()
{
    if (m_submitFault.times > 0) {
        --m_submitFault.times;
        return m_submitFault.error;
    }
    return io_uring_submit(m_ring.get());
}

int BatchSender::waitCompletion(io_uring_cqe **cqe)
{
    if (m_waitFault.times > 0) {
        --m_waitFault.times;
        return m_waitFault.error;
    }
    return io_uring_wait_cqe(m_ring.get(), cqe);
}

int BatchSender::peekCompletion(io_uring_cqe **cqe)
{
    if (m_peekFault.times > 0) {
        --m_peekFault.times;
        return m_peekFault.error;
    }
    return io_uring_peek_cqe(m_ring.get(), cqe);
}

void BatchSender::flushOneByOne(std::size_t first)
{
    for (std::size_t i = first; i < m_entries.size(); ++i) {
        const Entry &entry = m_entries[i];
        const ssize_t sent
            = ::send(entry.fd, entry.data, std::size_t(entry.size), MSG_DONTWAIT | MSG_NOSIGNAL);
        note(entry, sent < 0 ? -errno : qsizetype(sent));
    }
}

void BatchSender::note(const Entry &entry, qsizetype result)
{
    if (result != entry.size)
        m_shortfalls.push_back({entry.tag, entry.data, entry.size, qMax<qsizetype>(result, 0)});
}
