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
    // error); the rest starts at data + sent.
    struct Shortfall
    {
        quint64 tag = 0;
        const char *data = nullptr;
        qsizetype size = 0;
        qsizetype sent = 0;
    };

    BatchSender();
    ~BatchSender();

    // True when sends go through io_uring.
    bool usesIoUring() const { return m_ring != nullptr; }

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

    // Returns how many of the entries were sent through the ring.
    std::size_t flushThroughRing(std::size_t first, std::size_t count);
    void flushOneByOne(std::size_t first);
    void note(const Entry &entry, qsizetype result);

    static constexpr unsigned RingEntries = 1024; // sends per system call
    std::unique_ptr<io_uring> m_ring;
    std::vector<Entry> m_entries;
    std::vector<Shortfall> m_shortfalls;
};
