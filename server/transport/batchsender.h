// Lives in the thread that uses it (ConnectionManager's: the server thread); not thread-safe.
//
// Hands many non-blocking send()s to the kernel in one system call, through io_uring. A fan-out
// to 1,000 clients was 1,000 send() calls, and on this machine's virtualised kernel each system
// call's entry and exit cost about as much as the TCP work itself (docs/BENCHMARKS.md). Each send
// keeps send()'s meaning: MSG_DONTWAIT makes io_uring complete it at once with what the socket
// took (all, part, or -EAGAIN) instead of waiting for room, so nothing stays in flight after
// flush() and the caller queues any remainder itself, in order.
// Where io_uring is missing or refused (an old kernel, a container's seccomp profile, the
// kernel.io_uring_disabled sysctl), or LANCHAT_IO_URING=off, flush() calls send() per entry.
// A failing io_uring call never ends the server: what the ring did not send goes through send()
// in the same flush; after a transient failure (-EAGAIN, -EBUSY; -EINTR is simply retried) the
// next flush uses a fresh ring, after any other the ring is off for good. Each is logged once.
#pragma once

#include <QtGlobal>

#include <memory>
#include <vector>

struct io_uring;

class BatchSender final
{
    Q_DISABLE_COPY_MOVE(BatchSender)

public:
    // A send that did not complete whole: `sent` of its `size` bytes went (0 on EAGAIN or an
    // error); the rest starts at data + sent. `unknown`: the ring lost track of it (a completion
    // that never came), so how much went is not known and the stream to that socket cannot be
    // continued: the caller must close it.
    struct Shortfall
    {
        quint64 tag = 0;
        const char *data = nullptr;
        qsizetype size = 0;
        qsizetype sent = 0;
        bool unknown = false;
    };

    BatchSender();
    ~BatchSender();

    // True when sends go through io_uring.
    bool usesIoUring() const { return m_ring != nullptr; }
    // How many sends went through the ring so far (a diagnostic; tests read it).
    quint64 ringSends() const { return m_ringSends; }

    // Test seam (fault injection): the next `times` calls of the io_uring operation fail with
    // `error` (a negative errno, as liburing returns it) without reaching the kernel.
    // PeekCompletion: reading a completion from the queue without a system call, as done after
    // a failed wait (failing it loses the completion, as a broken kernel would).
    enum class RingCall { Submit, WaitCompletion, PeekCompletion };
    void failNextRingCalls(RingCall call, int error, int times = 1);

    // Queues a send of size bytes to the socket fd. The bytes must stay valid, and the socket
    // open, until flush() returns. Queue at most one send per socket between flushes: sends to
    // different sockets may complete in any order, and a later one could overtake a shortfall.
    void queue(int fd, const char *data, qsizetype size, quint64 tag);
    bool isEmpty() const { return m_entries.empty(); }

    // Sends everything queued and returns the sends that did not complete whole (the list is
    // valid until the next flush()).
    const std::vector<Shortfall> &flush();

private:
    struct Entry
    {
        int fd;
        const char *data;
        qsizetype size;
        quint64 tag;
    };

    // Sends the entries through the ring; returns how many of them it accounted for (sent, or
    // lost track of), from `first` on. Fewer than `count`: the ring failed, the rest is for send().
    std::size_t flushThroughRing(std::size_t first, std::size_t count);
    void flushOneByOne(std::size_t first);
    void note(const Entry &entry, qsizetype result);
    // After a failure: a transient one replaces the ring by a fresh one (dropping submissions
    // it had not taken), any other turns io_uring off.
    void recoverFromFailure(const char *call, int error, bool transient);

    int submit();
    int waitCompletion(struct io_uring_cqe **cqe);
    int peekCompletion(struct io_uring_cqe **cqe);

    std::unique_ptr<io_uring> m_ring;
    quint64 m_ringSends = 0;
    struct InjectedFault
    {
        int error = 0;
        int times = 0;
    };
    InjectedFault m_submitFault;
    InjectedFault m_waitFault;
    InjectedFault m_peekFault;
    bool m_loggedTransientFailure = false;
    std::vector<Entry> m_entries;
    std::vector<Shortfall> m_shortfalls;
    std::vector<bool> m_answered; // per submitted entry of a round: its completion was read
};
