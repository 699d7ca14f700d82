#include "batchsender.h"

#include "logging.h"

#include <liburing.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

BatchSender::BatchSender()
{
    if (qEnvironmentVariable("LANCHAT_IO_URING") == QLatin1String("off"))
        return;
    auto ring = std::make_unique<io_uring>();
    // The completion queue is twice the submission queue (the default), so a full round of
    // completions always fits and none is dropped.
    // SUBMIT_ALL: a send the kernel rejects at submission does not stop the ones after it.
    const int result = io_uring_queue_init(RingEntries, ring.get(), IORING_SETUP_SUBMIT_ALL);
    if (result < 0) {
        qCInfo(lcConnections) << "io_uring unavailable, sending one call per client:"
                              << std::strerror(-result);
        return;
    }
    m_ring = std::move(ring);
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
    while (m_ring && done < m_entries.size())
        done += flushThroughRing(done, std::min<std::size_t>(RingEntries, m_entries.size() - done));
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
    // The kernel takes entries in order; whatever it did not take is sent one call at a time.
    std::size_t submitted = 0;
    int error = 0;
    while (submitted < count) {
        const int result = io_uring_submit(ring);
        if (result <= 0) {
            error = result;
            break;
        }
        submitted += std::size_t(result);
    }
    // Non-blocking sends complete while they are submitted; waiting only collects them.
    for (std::size_t reaped = 0; reaped < submitted;) {
        io_uring_cqe *cqe = nullptr;
        const int result = io_uring_wait_cqe(ring, &cqe);
        if (result == -EINTR)
            continue;
        if (result < 0)
            qFatal("io_uring_wait_cqe failed: %s", std::strerror(-result));
        note(m_entries[std::size_t(io_uring_cqe_get_data64(cqe))], cqe->res);
        io_uring_cqe_seen(ring, cqe);
        ++reaped;
    }
    if (submitted < count) {
        // Drop the ring with its unsubmitted entries; from here on every send is its own call.
        qCWarning(lcConnections) << "io_uring submit failed, sending one call per client:"
                                 << std::strerror(error < 0 ? -error : EIO);
        io_uring_queue_exit(ring);
        m_ring.reset();
    }
    return submitted;
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
