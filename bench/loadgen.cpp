// lanchat-bench: a WebSocket load generator for LanChat and the reference servers (issue 5).
//
// Opens N clients against a ws:// URL on this machine (query token from the URL, plus
// username=<prefix><i> per client), lets S of them send at a fixed aggregate rate, open loop,
// and measures every delivery at every receiver. Each message carries its intended send time:
//   {"type":"message","text":"lg <step> <sender> <seq> <intended CLOCK_MONOTONIC ns>"}
// so a stall in the server or in this generator shows up as latency instead of being hidden by a
// slower send rate (coordinated omission). Any frame containing "lg is a delivery; the
// sender's own copy is its acknowledgement.
//
// The client path is its own: non-blocking sockets, epoll, minimal RFC 6455 framing (masked
// client frames, unmasked server frames, ping/pong, close, fragmentation), 1 to a few threads,
// many sockets per thread. Once a client's handshake is done, its reads go through io_uring: one
// multishot receive per socket into a ring of provided buffers, so a fan-out's 1,000 deliveries
// cost a few io_uring_enter calls instead of 1,000 recv() calls and their epoll wake-ups (on this
// virtualised kernel each system call costs microseconds; with recv() the generator, not the
// server, set the latency at 100,000 deliveries/s). --recv-epoll keeps the recv() path. The
// generator prints its own CPU use (getrusage) and, given
// --server-pid, the server's (from /proc/PID/stat) and its resident memory.
//
// Loopback only: any host other than 127.0.0.1, localhost or [::1] is refused.
// Every mode is bounded in time and stops by itself. The last line of output is
// "RESULT mode=... key=value ..." for scripts (bench/run-fanout).

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

namespace {

int64_t nowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void sleepMs(int ms)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

[[noreturn]] void fail(const char *message)
{
    std::fprintf(stderr, "lanchat-bench: %s\n", message);
    std::exit(2);
}

// Log-linear histogram of nanoseconds, about 1.6 % resolution. Only the owning worker writes a
// bucket (relaxed load + store: no locked instruction); other threads may read it at any time.
class Histogram
{
public:
    static constexpr int kLinear = 128;
    static constexpr int kSub = 64;
    static constexpr int kBuckets = kLinear + (64 - 7) * kSub;

    Histogram() : m_counts(new std::atomic<uint64_t>[kBuckets])
    {
        for (int i = 0; i < kBuckets; ++i)
            m_counts[i].store(0, std::memory_order_relaxed);
    }

    void record(int64_t value)
    {
        const uint64_t v = value < 0 ? 0 : uint64_t(value);
        auto &bucket = m_counts[index(v)];
        bucket.store(bucket.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        if (v > m_max.load(std::memory_order_relaxed))
            m_max.store(v, std::memory_order_relaxed);
    }

    void addTo(std::vector<uint64_t> &counts, uint64_t &max) const
    {
        counts.resize(kBuckets);
        for (int i = 0; i < kBuckets; ++i)
            counts[size_t(i)] += m_counts[i].load(std::memory_order_relaxed);
        max = std::max(max, m_max.load(std::memory_order_relaxed));
    }

    static int index(uint64_t v)
    {
        if (v < kLinear)
            return int(v);
        const int e = 63 - __builtin_clzll(v); // >= 7
        const uint64_t m = v >> (e - 6); // [64, 128)
        return kLinear + (e - 7) * kSub + int(m - 64);
    }

    // The middle of bucket i.
    static double value(int i)
    {
        if (i < kLinear)
            return i;
        const int e = (i - kLinear) / kSub + 7;
        const uint64_t m = uint64_t((i - kLinear) % kSub + 64);
        const double low = double(m << (e - 6));
        return low + double(uint64_t(1) << (e - 6)) / 2;
    }

private:
    std::unique_ptr<std::atomic<uint64_t>[]> m_counts;
    std::atomic<uint64_t> m_max {0};
};

struct Summary
{
    uint64_t count = 0;
    double p50 = 0, p99 = 0, p999 = 0, max = 0; // microseconds
};

Summary summarize(const std::vector<uint64_t> &counts, uint64_t max)
{
    Summary s;
    for (uint64_t c : counts)
        s.count += c;
    if (s.count == 0)
        return s;
    const auto at = [&](double q) {
        const uint64_t rank = std::max<uint64_t>(1, uint64_t(std::ceil(q * double(s.count))));
        uint64_t seen = 0;
        for (size_t i = 0; i < counts.size(); ++i) {
            seen += counts[i];
            if (seen >= rank)
                return std::min(Histogram::value(int(i)), double(max)) / 1000.0;
        }
        return double(max) / 1000.0;
    };
    s.p50 = at(0.50);
    s.p99 = at(0.99);
    s.p999 = at(0.999);
    s.max = double(max) / 1000.0;
    return s;
}

// ---------------------------------------------------------------------------------------------
// Options

enum class Mode { Fixed, Capacity, Rtt, Storm, Idle, Smoke };

struct Options
{
    Mode mode = Mode::Fixed;
    std::string host = "127.0.0.1";
    int family = AF_INET;
    int port = 0;
    std::string target = "/ws"; // path and query of the URL
    std::string prefix = "u";
    int clients = 100;
    int senders = 10;
    double rate = 1000; // messages per second, all senders together
    double duration = 5;
    double warmup = 1;
    int threads = 1;
    bool ringReceive = true; // io_uring multishot receives once a client is open
    int connectWindow = 64; // handshakes in flight while connecting
    int textBytes = 0; // padding added to each message text
    // capacity
    double start = 20000; // deliveries per second
    double factor = 1.5;
    double precision = 1.1;
    double boundMs = 50;
    int maxSteps = 24;
    double drainSeconds = 2;
    // storm / idle
    double settleSeconds = 60; // upper bound for connecting and for quiet
    double idleSeconds = 5;
    int serverPid = 0;
};

bool parseUrl(const std::string &url, Options &o)
{
    const std::string scheme = "ws://";
    if (url.compare(0, scheme.size(), scheme) != 0)
        return false;
    const std::string rest = url.substr(scheme.size());
    const size_t slash = rest.find('/');
    const std::string authority = rest.substr(0, slash);
    o.target = slash == std::string::npos ? "/" : rest.substr(slash);
    std::string host;
    std::string port;
    if (!authority.empty() && authority[0] == '[') {
        const size_t close = authority.find(']');
        if (close == std::string::npos)
            return false;
        host = authority.substr(1, close - 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':')
            port = authority.substr(close + 2);
    } else {
        const size_t colon = authority.rfind(':');
        host = authority.substr(0, colon);
        if (colon != std::string::npos)
            port = authority.substr(colon + 1);
    }
    if (host == "127.0.0.1" || host == "localhost") {
        o.host = "127.0.0.1";
        o.family = AF_INET;
    } else if (host == "::1") {
        o.host = "::1";
        o.family = AF_INET6;
    } else {
        fail("refusing a host that is not 127.0.0.1, localhost or [::1]: loopback only");
    }
    o.port = port.empty() ? 80 : std::atoi(port.c_str());
    return o.port > 0 && o.port < 65536;
}

void usage()
{
    std::puts(
        "usage: lanchat-bench --url ws://127.0.0.1:PORT/ws?token=T [mode] [options]\n"
        "modes (default: a fixed load):\n"
        "  --capacity            step the offered rate up until loss or p99 > --bound-ms\n"
        "                        (a failed step runs once more; the log says why it failed)\n"
        "  --rtt                 one client, one message in flight, for --duration seconds\n"
        "  --storm C             C clients connect at once: handshakes/s, p99, failures\n"
        "  --idle K              connect K clients, report server RSS growth (needs --server-pid)\n"
        "  --smoke               10 clients, 2 senders, 1 s, 200 msg/s; exit 1 on any loss\n"
        "options:\n"
        "  --clients N (100) --senders S (10) --rate MSG_PER_S (1000) --deliveries PER_S\n"
        "  --duration S (5) --warmup S (1) --threads T (1) --text-bytes B (0)\n"
        "  --start DELIVERIES_PER_S (20000) --factor F (1.5) --precision P (1.1)\n"
        "  --bound-ms MS (50) --max-steps N (24) --drain S (2)\n"
        "  --server-pid PID  --idle-seconds S (5)  --settle S (60)  --prefix NAME (u)\n"
        "  --connect-window N (64)  --recv-epoll (read with recv() after epoll, not io_uring)\n"
        "The URL may also come from the environment variable LANCHAT_BENCH_URL.");
}

Options parseOptions(int argc, char **argv)
{
    Options o;
    std::string url;
    if (const char *env = std::getenv("LANCHAT_BENCH_URL"))
        url = env;
    double deliveries = -1;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto next = [&]() -> const char * {
            if (i + 1 >= argc)
                fail(("missing value after " + a).c_str());
            return argv[++i];
        };
        const auto number = [&]() {
            const char *text = next();
            char *end = nullptr;
            const double v = std::strtod(text, &end);
            if (end == text || *end != '\0' || !std::isfinite(v) || v < 0)
                fail(("bad value for " + a).c_str());
            return v;
        };
        if (a == "--url")
            url = next();
        else if (a == "--capacity")
            o.mode = Mode::Capacity;
        else if (a == "--rtt")
            o.mode = Mode::Rtt;
        else if (a == "--storm") {
            o.mode = Mode::Storm;
            o.clients = int(number());
        } else if (a == "--idle") {
            o.mode = Mode::Idle;
            o.clients = int(number());
        } else if (a == "--smoke")
            o.mode = Mode::Smoke;
        else if (a == "--clients")
            o.clients = int(number());
        else if (a == "--senders")
            o.senders = int(number());
        else if (a == "--rate")
            o.rate = number();
        else if (a == "--deliveries")
            deliveries = number();
        else if (a == "--duration")
            o.duration = number();
        else if (a == "--warmup")
            o.warmup = number();
        else if (a == "--threads")
            o.threads = int(number());
        else if (a == "--text-bytes")
            o.textBytes = int(number());
        else if (a == "--start")
            o.start = number();
        else if (a == "--factor")
            o.factor = number();
        else if (a == "--precision")
            o.precision = number();
        else if (a == "--bound-ms")
            o.boundMs = number();
        else if (a == "--max-steps")
            o.maxSteps = int(number());
        else if (a == "--drain")
            o.drainSeconds = number();
        else if (a == "--server-pid")
            o.serverPid = int(number());
        else if (a == "--idle-seconds")
            o.idleSeconds = number();
        else if (a == "--settle")
            o.settleSeconds = number();
        else if (a == "--prefix")
            o.prefix = next();
        else if (a == "--recv-epoll")
            o.ringReceive = false;
        else if (a == "--connect-window")
            o.connectWindow = int(number());
        else if (a == "-h" || a == "--help") {
            usage();
            std::exit(0);
        } else {
            usage();
            fail(("unknown option " + a).c_str());
        }
    }
    if (url.empty() || !parseUrl(url, o)) {
        usage();
        fail("give a ws:// URL with a port (--url or LANCHAT_BENCH_URL)");
    }
    if (o.mode == Mode::Smoke) {
        o.clients = 10;
        o.senders = 2;
        o.rate = 200;
        o.duration = 1;
        o.warmup = 0;
    }
    if (o.mode == Mode::Rtt) {
        o.clients = 1;
        o.senders = 1;
    }
    if (o.mode == Mode::Storm)
        o.connectWindow = o.clients;
    o.clients = std::clamp(o.clients, 1, 200000);
    o.senders = std::clamp(o.senders, 1, o.clients);
    o.threads = std::clamp(o.threads, 1, 8);
    o.textBytes = std::clamp(o.textBytes, 0, 4000);
    o.maxSteps = std::clamp(o.maxSteps, 1, 60);
    o.duration = std::clamp(o.duration, 0.1, 86400.0); // a day: bench/run-soak
    o.warmup = std::clamp(o.warmup, 0.0, 60.0);
    o.factor = std::max(o.factor, 1.01);
    o.precision = std::max(o.precision, 1.005);
    if (deliveries >= 0)
        o.rate = deliveries / o.clients;
    return o;
}

// ---------------------------------------------------------------------------------------------
// Clients and workers

constexpr int kMaxSteps = 64;

struct StepStats
{
    std::atomic<uint64_t> sent {0};
    std::atomic<uint64_t> received {0};
    std::atomic<uint64_t> acked {0};
    Histogram latency;
};

void bump(std::atomic<uint64_t> &counter, uint64_t by = 1)
{
    counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

enum class State { Idle, Connecting, Handshaking, Open, Closed };

struct Client
{
    int index = 0;
    int fd = -1;
    State state = State::Idle;
    bool wantWrite = false;
    bool viaRing = false; // reads come from io_uring; epoll only watches for writability
    bool sender = false;
    int64_t connectStarted = 0;
    std::string in; // unparsed input
    std::string message; // a fragmented message being assembled
    std::string out; // unsent output
    uint32_t mask = 0;
    uint64_t seq = 0;
    // rtt mode
    bool inFlight = false;
};

// Control from the main thread: a generation counter published with release after the fields.
struct Control
{
    std::atomic<uint64_t> generation {0};
    std::atomic<bool> stop {false};
    std::atomic<bool> sending {false};
    int step = 0;
    double rate = 0; // messages per second, all senders together
    int64_t startNs = 0;
    int64_t endNs = 0;
};

class Worker
{
public:
    Worker(const Options &options, Control &control, int id)
        : m_o(options), m_control(control), m_id(id), m_buffer(256 * 1024)
    {
        for (int i = id; i < m_o.clients; i += m_o.threads) {
            auto c = std::make_unique<Client>();
            c->index = i;
            c->sender = i < m_o.senders;
            c->mask = 0x9e3779b9u * uint32_t(i + 1) | 0x01010101u;
            if (c->sender)
                m_senders.push_back(c.get());
            m_clients.push_back(std::move(c));
        }
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        if (m_epoll < 0 || m_timer < 0)
            fail("epoll/timerfd failed");
        epoll_event ev {};
        ev.events = EPOLLIN;
        ev.data.ptr = nullptr;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_timer, &ev);
    }

    ~Worker()
    {
        if (m_ringReady)
            io_uring_queue_exit(&m_ring); // cancels the receives still armed
        if (m_bufferRing)
            munmap(m_bufferRing, kRingBuffers * sizeof(io_uring_buf));
        for (auto &c : m_clients)
            if (c->fd >= 0)
                ::close(c->fd);
        ::close(m_timer);
        ::close(m_epoll);
    }

    bool usesRing() const { return m_ringReady; }

    void run()
    {
        // The ring belongs to this thread (IORING_SETUP_SINGLE_ISSUER), so it is made here.
        if (m_o.ringReceive && !setUpRing())
            std::fprintf(stderr, "lanchat-bench: io_uring refused, reading with recv()\n");
        uint64_t generation = 0;
        while (!m_control.stop.load(std::memory_order_acquire)) {
            startConnects();
            const uint64_t g = m_control.generation.load(std::memory_order_acquire);
            if (g != generation) {
                generation = g;
                beginStep();
            }
            if (m_ringReady)
                waitOnRing();
            else
                handleEpoll(epoll_wait(m_epoll, m_events.data(), int(m_events.size()), 5));
            if (m_stepActive)
                sendDue();
        }
    }

    // With io_uring the loop sleeps in io_uring_enter only: the epoll descriptor (connects,
    // handshakes, writes, the send timer) is one more request in the ring, a one-shot poll
    // re-armed after each time it fires, so it completes at once while epoll has anything ready.
    void waitOnRing()
    {
        if (!m_epollArmed) {
            io_uring_sqe *sqe = nextSqe();
            io_uring_prep_poll_add(sqe, m_epoll, POLLIN);
            io_uring_sqe_set_data64(sqe, kEpollTag);
            m_epollArmed = true;
        }
        __kernel_timespec timeout {};
        timeout.tv_nsec = 5000000;
        io_uring_cqe *first = nullptr;
        io_uring_submit_and_wait_timeout(&m_ring, &first, 1, &timeout, nullptr);
        bool epollReady = false;
        unsigned head = 0;
        unsigned seen = 0;
        io_uring_cqe *cqe = nullptr;
        io_uring_for_each_cqe(&m_ring, head, cqe)
        {
            ++seen;
            if (io_uring_cqe_get_data64(cqe) == kEpollTag) {
                epollReady = true;
                m_epollArmed = false;
            } else {
                onReceived(*cqe);
            }
        }
        io_uring_cq_advance(&m_ring, seen);
        if (m_buffersReturned > 0) {
            io_uring_buf_ring_advance(m_bufferRing, m_buffersReturned);
            m_buffersReturned = 0;
        }
        if (epollReady)
            handleEpoll(epoll_wait(m_epoll, m_events.data(), int(m_events.size()), 0));
    }

    void handleEpoll(int n)
    {
        const int64_t now = nowNs();
        for (int i = 0; i < n; ++i) {
            auto *c = static_cast<Client *>(m_events[size_t(i)].data.ptr);
            if (!c) {
                uint64_t expirations = 0;
                [[maybe_unused]] const auto r = ::read(m_timer, &expirations, sizeof expirations);
                continue;
            }
            const uint32_t events = m_events[size_t(i)].events;
            if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
                onWritable(*c, now);
            // A client read through the ring learns of errors and end of stream from its receive.
            if (!c->viaRing && (events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
                onReadable(*c);
            if (m_ringReady && c->fd >= 0 && c->state == State::Open && !c->viaRing)
                moveToRing(*c);
        }
    }

    bool setUpRing()
    {
        // DEFER_TASKRUN: completions are run when this thread asks for them, in io_uring_enter,
        // instead of interrupting it for every arriving frame.
        if (io_uring_queue_init(kRingEntries, &m_ring,
                                IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN)
                < 0
            && io_uring_queue_init(kRingEntries, &m_ring, 0) < 0)
            return false;
        void *memory = mmap(nullptr, kRingBuffers * sizeof(io_uring_buf), PROT_READ | PROT_WRITE,
                            MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
        if (memory == MAP_FAILED) {
            io_uring_queue_exit(&m_ring);
            return false;
        }
        m_bufferRing = static_cast<io_uring_buf_ring *>(memory);
        io_uring_buf_reg registration {};
        registration.ring_addr = reinterpret_cast<uint64_t>(memory);
        registration.ring_entries = kRingBuffers;
        registration.bgid = kBufferGroup;
        if (io_uring_register_buf_ring(&m_ring, &registration, 0) < 0) {
            munmap(memory, kRingBuffers * sizeof(io_uring_buf));
            m_bufferRing = nullptr;
            io_uring_queue_exit(&m_ring);
            return false;
        }
        io_uring_buf_ring_init(m_bufferRing);
        m_ringBuffers.resize(size_t(kRingBuffers) * kRingBufferSize);
        for (unsigned i = 0; i < kRingBuffers; ++i)
            returnBuffer(uint16_t(i));
        io_uring_buf_ring_advance(m_bufferRing, m_buffersReturned);
        m_buffersReturned = 0;
        m_ringReady = true;
        return true;
    }

    io_uring_sqe *nextSqe()
    {
        io_uring_sqe *sqe = io_uring_get_sqe(&m_ring);
        while (!sqe) {
            io_uring_submit(&m_ring);
            sqe = io_uring_get_sqe(&m_ring);
        }
        return sqe;
    }

    // Made visible to the kernel in one step after each round of completions.
    void returnBuffer(uint16_t id)
    {
        io_uring_buf_ring_add(m_bufferRing, m_ringBuffers.data() + size_t(id) * kRingBufferSize,
                              kRingBufferSize, id, io_uring_buf_ring_mask(kRingBuffers),
                              int(m_buffersReturned++));
    }

    void armReceive(Client &c)
    {
        io_uring_sqe *sqe = nextSqe();
        io_uring_prep_recv_multishot(sqe, c.fd, nullptr, 0, 0);
        sqe->flags |= IOSQE_BUFFER_SELECT;
        sqe->buf_group = kBufferGroup;
        io_uring_sqe_set_data(sqe, &c);
    }

    // After the handshake: reads move to the ring; epoll keeps the socket only while output
    // waits for room.
    void moveToRing(Client &c)
    {
        c.viaRing = true;
        if (c.wantWrite) {
            epoll_event ev {};
            ev.events = EPOLLOUT;
            ev.data.ptr = &c;
            epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
        } else {
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        }
        armReceive(c);
    }

    void onReceived(const io_uring_cqe &cqe)
    {
        auto *c = static_cast<Client *>(io_uring_cqe_get_data(&cqe));
        const int result = cqe.res;
        if (cqe.flags & IORING_CQE_F_BUFFER) {
            const auto id = uint16_t(cqe.flags >> IORING_CQE_BUFFER_SHIFT);
            if (result > 0 && c->fd >= 0)
                onData(*c, m_ringBuffers.data() + size_t(id) * kRingBufferSize, size_t(result),
                       nowNs());
            returnBuffer(id);
        }
        if (c->fd < 0)
            return; // closed by us; this was its receive ending
        if (result == 0) {
            closeClient(*c, "connection closed by the server");
        } else if (result < 0 && result != -ENOBUFS) {
            closeClient(*c, std::string("recv: ") + std::strerror(-result));
        } else if (!(cqe.flags & IORING_CQE_F_MORE)) {
            armReceive(*c); // the kernel ended the multishot (out of buffers, or by choice)
        }
    }

    // Counters read by the main thread.
    std::atomic<uint64_t> connected {0};
    std::atomic<uint64_t> failed {0};
    std::atomic<uint64_t> closed {0};
    std::atomic<uint64_t> bytesIn {0};
    std::atomic<uint64_t> errors {0};
    std::atomic<uint64_t> frames {0};
    std::atomic<int> firstCloseCode {0};
    std::atomic<int> doneStep {-1}; // the last step whose messages were all sent
    Histogram handshake; // connect() to 101
    std::array<StepStats, kMaxSteps> steps;
    std::string firstProblem; // written once, before failed/closed/errors is bumped

private:
    void startConnects()
    {
        while (m_nextConnect < m_clients.size() && m_inFlight < m_o.connectWindow) {
            Client &c = *m_clients[m_nextConnect++];
            ++m_inFlight;
            connectClient(c);
        }
    }

    void connectClient(Client &c)
    {
        c.fd = ::socket(m_o.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c.fd < 0) {
            problem(c, std::string("socket: ") + std::strerror(errno), failed);
            return;
        }
        const int one = 1;
        setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c.connectStarted = nowNs();
        int r = 0;
        if (m_o.family == AF_INET) {
            sockaddr_in a {};
            a.sin_family = AF_INET;
            a.sin_port = htons(uint16_t(m_o.port));
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            r = ::connect(c.fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
        } else {
            sockaddr_in6 a {};
            a.sin6_family = AF_INET6;
            a.sin6_port = htons(uint16_t(m_o.port));
            a.sin6_addr = in6addr_loopback;
            r = ::connect(c.fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
        }
        if (r != 0 && errno != EINPROGRESS) {
            problem(c, std::string("connect: ") + std::strerror(errno), failed);
            return;
        }
        c.state = State::Connecting;
        epoll_event ev {};
        ev.events = EPOLLIN | EPOLLOUT;
        ev.data.ptr = &c;
        c.wantWrite = true;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, c.fd, &ev);
    }

    void problem(Client &c, const std::string &what, std::atomic<uint64_t> &counter)
    {
        if (c.state == State::Connecting || c.state == State::Handshaking || c.state == State::Idle)
            --m_inFlight;
        if (c.fd >= 0) {
            // A receive armed in the ring holds the socket open past close(): end it first.
            if (c.viaRing)
                ::shutdown(c.fd, SHUT_RDWR);
            ::close(c.fd);
            c.fd = -1;
        }
        c.state = State::Closed;
        if (m_firstProblemSet.exchange(true) == false)
            firstProblem = "client " + std::to_string(c.index) + ": " + what;
        bump(counter);
    }

    void setWantWrite(Client &c, bool want)
    {
        if (c.wantWrite == want)
            return;
        c.wantWrite = want;
        if (c.viaRing) {
            epoll_event ev {};
            ev.events = EPOLLOUT;
            ev.data.ptr = &c;
            epoll_ctl(m_epoll, want ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, c.fd, want ? &ev : nullptr);
            return;
        }
        epoll_event ev {};
        ev.events = EPOLLIN | (want ? EPOLLOUT : 0u);
        ev.data.ptr = &c;
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
    }

    void onWritable(Client &c, int64_t)
    {
        if (c.state == State::Connecting) {
            int error = 0;
            socklen_t length = sizeof error;
            getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0) {
                problem(c, std::string("connect: ") + std::strerror(error), failed);
                return;
            }
            c.state = State::Handshaking;
            const char separator = m_o.target.find('?') == std::string::npos ? '?' : '&';
            const std::string host = m_o.family == AF_INET6 ? "[::1]" : "127.0.0.1";
            c.out = "GET " + m_o.target + separator + "username=" + m_o.prefix
                    + std::to_string(c.index) + " HTTP/1.1\r\nHost: " + host + ":"
                    + std::to_string(m_o.port)
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: "
                      "13\r\n\r\n";
        }
        flush(c);
    }

    void flush(Client &c)
    {
        while (!c.out.empty()) {
            const ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    break;
                if (errno == EINTR)
                    continue;
                closeClient(c, std::string("send: ") + std::strerror(errno));
                return;
            }
            c.out.erase(0, size_t(n));
        }
        if (c.fd >= 0)
            setWantWrite(c, !c.out.empty());
    }

    void closeClient(Client &c, const std::string &why)
    {
        if (c.state == State::Open)
            problem(c, why, closed);
        else
            problem(c, why, failed);
    }

    void onReadable(Client &c)
    {
        if (c.fd < 0)
            return;
        for (int round = 0; round < 4; ++round) {
            const ssize_t n = ::recv(c.fd, m_buffer.data(), m_buffer.size(), 0);
            if (n == 0) {
                closeClient(c, "connection closed by the server");
                return;
            }
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return;
                if (errno == EINTR)
                    continue;
                closeClient(c, std::string("recv: ") + std::strerror(errno));
                return;
            }
            onData(c, m_buffer.data(), size_t(n), nowNs());
            if (c.fd < 0 || size_t(n) < m_buffer.size())
                return;
        }
    }

    void onData(Client &c, const char *data, size_t n, int64_t now)
    {
        bump(bytesIn, uint64_t(n));
        if (c.in.empty()) {
            const size_t used = consume(c, data, n, now);
            if (c.fd < 0)
                return;
            c.in.assign(data + used, n - used);
        } else {
            c.in.append(data, n);
            const size_t used = consume(c, c.in.data(), c.in.size(), now);
            if (c.fd < 0)
                return;
            c.in.erase(0, used);
        }
    }

    // Parses what it can; returns the bytes used.
    size_t consume(Client &c, const char *data, size_t size, int64_t now)
    {
        size_t at = 0;
        if (c.state == State::Handshaking) {
            const char *end = static_cast<const char *>(memmem(data, size, "\r\n\r\n", 4));
            if (!end) {
                if (size > 16384)
                    closeClient(c, "handshake response too long");
                return 0;
            }
            if (size < 12 || std::memcmp(data, "HTTP/1.1 101", 12) != 0) {
                const char *line = static_cast<const char *>(memchr(data, '\r', size));
                closeClient(c, "handshake refused: " + std::string(data, size_t(line - data)));
                return 0;
            }
            at = size_t(end - data) + 4;
            c.state = State::Open;
            --m_inFlight;
            handshake.record(now - c.connectStarted);
            bump(connected);
        }
        while (at + 2 <= size) {
            const auto *p = reinterpret_cast<const unsigned char *>(data + at);
            const bool fin = p[0] & 0x80;
            const int opcode = p[0] & 0x0f;
            const bool masked = p[1] & 0x80;
            uint64_t length = p[1] & 0x7f;
            size_t header = 2;
            if (length == 126) {
                if (at + 4 > size)
                    break;
                length = (uint64_t(p[2]) << 8) | p[3];
                header = 4;
            } else if (length == 127) {
                if (at + 10 > size)
                    break;
                length = 0;
                for (int i = 0; i < 8; ++i)
                    length = (length << 8) | p[2 + i];
                header = 10;
            }
            if (length > (64u << 20)) {
                closeClient(c, "frame too large");
                return at;
            }
            const size_t maskAt = header;
            if (masked)
                header += 4;
            if (at + header + length > size)
                break;
            std::string unmasked;
            const char *payload = data + at + header;
            if (masked) {
                unmasked.assign(payload, size_t(length));
                for (size_t i = 0; i < unmasked.size(); ++i)
                    unmasked[i] = char(unmasked[i] ^ p[maskAt + i % 4]);
                payload = unmasked.data();
            }
            at += header + size_t(length);
            bump(frames);
            if (opcode == 0x8) {
                int code = 1005;
                if (length >= 2)
                    code = (static_cast<unsigned char>(payload[0]) << 8)
                           | static_cast<unsigned char>(payload[1]);
                int none = 0;
                firstCloseCode.compare_exchange_strong(none, code);
                const std::string reason
                    = length > 2 ? std::string(payload + 2, size_t(length) - 2) : "";
                closeClient(c, "close frame " + std::to_string(code) + " " + reason);
                return at;
            }
            if (opcode == 0x9) { // ping: answer with a pong carrying the same payload
                sendFrame(c, 0xA, payload, size_t(length));
                continue;
            }
            if (opcode == 0xA)
                continue;
            if (opcode == 0x0 || !fin) {
                c.message.append(payload, size_t(length));
                if (fin) {
                    onMessage(c, c.message.data(), c.message.size(), now);
                    c.message.clear();
                }
                continue;
            }
            onMessage(c, payload, size_t(length), now);
        }
        return at;
    }

    void onMessage(Client &c, const char *text, size_t size, int64_t now)
    {
        const char *lg = static_cast<const char *>(memmem(text, size, "\"lg ", 4));
        if (!lg) {
            if (memmem(text, size, "\"error\"", 7)) {
                if (m_firstProblemSet.exchange(true) == false)
                    firstProblem = "client " + std::to_string(c.index) + " got "
                                   + std::string(text, std::min<size_t>(size, 200));
                bump(errors);
            }
            return;
        }
        // "lg <step> <sender> <seq> <ns>
        const char *p = lg + 4;
        const char *end = text + size;
        uint64_t fields[4] = {0, 0, 0, 0};
        for (auto &field : fields) {
            while (p < end && *p == ' ')
                ++p;
            while (p < end && *p >= '0' && *p <= '9')
                field = field * 10 + uint64_t(*p++ - '0');
        }
        const uint64_t step = fields[0];
        if (step >= kMaxSteps)
            return;
        StepStats &s = steps[step];
        bump(s.received);
        s.latency.record(now - int64_t(fields[3]));
        if (fields[1] == uint64_t(c.index)) {
            bump(s.acked);
            if (c.inFlight) {
                c.inFlight = false;
                if (m_stepActive && m_o.mode == Mode::Rtt && now < m_endNs)
                    sendMessage(c, now);
            }
        }
    }

    void sendFrame(Client &c, int opcode, const char *payload, size_t length)
    {
        if (c.fd < 0)
            return;
        const bool direct = c.out.empty();
        char header[14];
        size_t h = 0;
        header[h++] = char(0x80 | opcode);
        if (length < 126) {
            header[h++] = char(0x80 | length);
        } else if (length < 65536) {
            header[h++] = char(0x80 | 126);
            header[h++] = char((length >> 8) & 0xff);
            header[h++] = char(length & 0xff);
        } else {
            header[h++] = char(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8)
                header[h++] = char((uint64_t(length) >> shift) & 0xff);
        }
        unsigned char key[4];
        std::memcpy(key, &c.mask, 4);
        std::memcpy(header + h, key, 4);
        h += 4;
        c.out.append(header, h);
        const size_t base = c.out.size();
        c.out.append(payload, length);
        for (size_t i = 0; i < length; ++i)
            c.out[base + i] = char(c.out[base + i] ^ key[i % 4]);
        if (direct)
            flush(c);
    }

    void sendMessage(Client &c, int64_t intended)
    {
        char text[128];
        const int n = std::snprintf(
            text, sizeof text, "{\"type\":\"message\",\"text\":\"lg %d %d %" PRIu64 " %" PRId64,
            m_step, c.index, c.seq++, intended);
        std::string body(text, size_t(n));
        body.append(size_t(m_o.textBytes), 'x');
        body += "\"}";
        if (m_o.mode == Mode::Rtt)
            c.inFlight = true;
        bump(steps[size_t(m_step)].sent);
        sendFrame(c, 0x1, body.data(), body.size());
    }

    void beginStep()
    {
        m_step = m_control.step;
        m_startNs = m_control.startNs;
        m_endNs = m_control.endNs;
        m_sent = 0;
        m_stepActive = m_control.sending.load(std::memory_order_relaxed);
        const double share = double(m_senders.size()) / double(m_o.senders);
        m_interval = m_control.rate * share > 0 ? 1e9 / (m_control.rate * share) : 0;
        if (m_stepActive && m_o.mode == Mode::Rtt) {
            for (Client *c : m_senders)
                if (c->state == State::Open && !c->inFlight)
                    sendMessage(*c, nowNs());
        }
    }

    void sendDue()
    {
        if (m_o.mode == Mode::Rtt)
            return;
        if (m_senders.empty() || m_interval <= 0) {
            doneStep.store(m_step, std::memory_order_release);
            return;
        }
        const int64_t now = nowNs();
        int64_t next = 0;
        for (int burst = 0; burst < 100000; ++burst) {
            next = m_startNs + int64_t(double(m_sent) * m_interval);
            if (next > now || next >= m_endNs)
                break;
            Client &c = *m_senders[m_sent % m_senders.size()];
            ++m_sent;
            if (c.state == State::Open)
                sendMessage(c, next);
        }
        if (next >= m_endNs) {
            m_stepActive = false;
            doneStep.store(m_step, std::memory_order_release);
            return;
        }
        itimerspec t {};
        t.it_value.tv_sec = next / 1000000000;
        t.it_value.tv_nsec = next % 1000000000;
        timerfd_settime(m_timer, TFD_TIMER_ABSTIME, &t, nullptr);
    }

    const Options &m_o;
    Control &m_control;
    int m_id;
    std::vector<std::unique_ptr<Client>> m_clients;
    std::vector<Client *> m_senders;
    std::vector<char> m_buffer;
    std::array<epoll_event, 512> m_events {};
    int m_epoll = -1;
    // io_uring receives
    static constexpr unsigned kRingEntries = 4096;
    static constexpr unsigned kRingBuffers = 4096; // a power of two
    static constexpr unsigned kRingBufferSize = 4096;
    static constexpr uint16_t kBufferGroup = 1;
    static constexpr uint64_t kEpollTag = 1; // user data of the epoll poll; never a Client *
    io_uring m_ring {};
    bool m_ringReady = false;
    bool m_epollArmed = false;
    io_uring_buf_ring *m_bufferRing = nullptr;
    std::vector<char> m_ringBuffers;
    unsigned m_buffersReturned = 0;
    int m_timer = -1;
    size_t m_nextConnect = 0;
    int m_inFlight = 0;
    std::atomic<bool> m_firstProblemSet {false};
    // the current step
    bool m_stepActive = false;
    int m_step = 0;
    int64_t m_startNs = 0;
    int64_t m_endNs = 0;
    uint64_t m_sent = 0;
    double m_interval = 0;
};

// ---------------------------------------------------------------------------------------------
// Measurements of processes

double cpuSecondsSelf()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
           + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// utime + stime of all threads of pid, in seconds; -1 when unknown.
double cpuSecondsOf(int pid)
{
    if (pid <= 0)
        return -1;
    FILE *f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
    if (!f)
        return -1;
    char line[4096];
    const size_t n = std::fread(line, 1, sizeof line - 1, f);
    std::fclose(f);
    line[n] = '\0';
    const char *p = std::strrchr(line, ')');
    if (!p)
        return -1;
    // after ") ": state(3) ... utime is field 14, stime 15
    unsigned long utime = 0, stime = 0;
    int field = 2;
    for (const char *q = p + 1; *q && field < 15; ++q) {
        if (*q == ' ') {
            ++field;
            if (field == 14)
                utime = std::strtoul(q + 1, nullptr, 10);
            else if (field == 15)
                stime = std::strtoul(q + 1, nullptr, 10);
        }
    }
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

// VmRSS of pid in KiB; -1 when unknown.
long rssKiBOf(int pid)
{
    if (pid <= 0)
        return -1;
    FILE *f = std::fopen(("/proc/" + std::to_string(pid) + "/status").c_str(), "r");
    if (!f)
        return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, "VmRSS:", 6) == 0)
            kib = std::strtol(line + 6, nullptr, 10);
    std::fclose(f);
    return kib;
}

// ---------------------------------------------------------------------------------------------
// The runs

class Bench
{
public:
    explicit Bench(const Options &o) : m_o(o)
    {
        for (int i = 0; i < o.threads; ++i)
            m_workers.push_back(std::make_unique<Worker>(o, m_control, i));
    }

    ~Bench() { stop(); }

    void start()
    {
        for (auto &w : m_workers)
            m_threads.emplace_back([worker = w.get()] { worker->run(); });
    }

    void stop()
    {
        m_control.stop.store(true, std::memory_order_release);
        for (auto &t : m_threads)
            t.join();
        m_threads.clear();
    }

    uint64_t sum(std::atomic<uint64_t> Worker::*counter) const
    {
        uint64_t total = 0;
        for (const auto &w : m_workers)
            total += ((*w).*counter).load(std::memory_order_relaxed);
        return total;
    }

    uint64_t sumStep(int step, std::atomic<uint64_t> StepStats::*counter) const
    {
        uint64_t total = 0;
        for (const auto &w : m_workers)
            total += (w->steps[size_t(step)].*counter).load(std::memory_order_relaxed);
        return total;
    }

    Summary latency(int step) const
    {
        std::vector<uint64_t> counts;
        uint64_t max = 0;
        for (const auto &w : m_workers)
            w->steps[size_t(step)].latency.addTo(counts, max);
        return summarize(counts, max);
    }

    Summary handshakes() const
    {
        std::vector<uint64_t> counts;
        uint64_t max = 0;
        for (const auto &w : m_workers)
            w->handshake.addTo(counts, max);
        return summarize(counts, max);
    }

    std::string problem() const
    {
        for (const auto &w : m_workers)
            if (!w->firstProblem.empty())
                return w->firstProblem;
        return {};
    }

    // Waits until every client connected or failed; returns the seconds it took.
    double waitConnected(double limitSeconds)
    {
        const int64_t begin = nowNs();
        const int64_t limit = begin + int64_t(limitSeconds * 1e9);
        while (nowNs() < limit) {
            if (sum(&Worker::connected) + sum(&Worker::failed) >= uint64_t(m_o.clients))
                break;
            sleepMs(2);
        }
        return double(nowNs() - begin) / 1e9;
    }

    // Waits until no byte arrived for quietMs, at most limitSeconds.
    void waitQuiet(int quietMs, double limitSeconds)
    {
        const int64_t limit = nowNs() + int64_t(limitSeconds * 1e9);
        uint64_t last = sum(&Worker::bytesIn);
        int64_t since = nowNs();
        while (nowNs() < limit) {
            sleepMs(20);
            const uint64_t now = sum(&Worker::bytesIn);
            if (now != last) {
                last = now;
                since = nowNs();
            } else if (nowNs() - since >= int64_t(quietMs) * 1000000) {
                return;
            }
        }
    }

    struct StepResult
    {
        double offered = 0; // deliveries per second
        uint64_t sent = 0, acked = 0, received = 0, expected = 0;
        double seconds = 0, delivered = 0, lossPercent = 0;
        Summary lat;
        double selfCpu = 0, serverCpu = -1;
        uint64_t closedDuring = 0;
    };

    // One step at a fixed rate (messages per second over all senders), then the drain.
    StepResult runStep(int step, double rate, double seconds)
    {
        StepResult r;
        const int64_t receivers = int64_t(openClients());
        const double cpu0 = cpuSecondsSelf();
        const double server0 = cpuSecondsOf(m_o.serverPid);
        const uint64_t closed0 = sum(&Worker::closed);
        m_control.step = step;
        m_control.rate = rate;
        m_control.startNs = nowNs() + 10000000;
        m_control.endNs = m_control.startNs + int64_t(seconds * 1e9);
        m_control.sending.store(true, std::memory_order_relaxed);
        m_control.generation.fetch_add(1, std::memory_order_release);
        while (nowNs() < m_control.endNs)
            sleepMs(5);
        // A worker may be late (the machine is shared): wait until it sent all it had to.
        const int64_t sendLimit = nowNs() + 5000000000;
        while (m_o.mode != Mode::Rtt && nowNs() < sendLimit) {
            bool all = true;
            for (const auto &w : m_workers)
                all = all && w->doneStep.load(std::memory_order_acquire) >= step;
            if (all)
                break;
            sleepMs(1);
        }
        // drain: until everything expected arrived, or drainSeconds
        const int64_t drainEnd = nowNs() + int64_t(m_o.drainSeconds * 1e9);
        while (nowNs() < drainEnd) {
            const uint64_t expected = sumStep(step, &StepStats::sent) * uint64_t(receivers);
            if (sumStep(step, &StepStats::received) >= expected)
                break;
            sleepMs(5);
        }
        const double cpu1 = cpuSecondsSelf();
        const double server1 = cpuSecondsOf(m_o.serverPid);
        const double wall = double(nowNs() - m_control.startNs) / 1e9;
        r.offered = rate * double(receivers);
        r.seconds = seconds;
        r.sent = sumStep(step, &StepStats::sent);
        r.acked = sumStep(step, &StepStats::acked);
        r.received = sumStep(step, &StepStats::received);
        r.expected = r.sent * uint64_t(receivers);
        r.delivered = double(r.received) / seconds;
        r.lossPercent = r.expected ? 100.0 * double(r.expected - std::min(r.expected, r.received))
                                         / double(r.expected)
                                   : 0;
        r.lat = latency(step);
        r.selfCpu = 100.0 * (cpu1 - cpu0) / wall;
        r.serverCpu = server0 >= 0 && server1 >= 0 ? 100.0 * (server1 - server0) / wall : -1;
        r.closedDuring = sum(&Worker::closed) - closed0;
        m_serverCpuSeconds = server0 >= 0 && server1 >= 0 ? server1 - server0 : -1;
        return r;
    }

    uint64_t openClients() const { return sum(&Worker::connected) - sum(&Worker::closed); }

    double lastServerCpuSeconds() const { return m_serverCpuSeconds; }

private:
    const Options &m_o;
    Control m_control;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::vector<std::thread> m_threads;
    double m_serverCpuSeconds = -1;
};

void printStep(const char *label, const Bench::StepResult &r)
{
    std::printf("%-10s offered %9.0f deliveries/s  sent %7" PRIu64 " acked %7" PRIu64
                "  delivered %10" PRIu64 " of %10" PRIu64
                " (loss %.3f %%)  %9.0f/s  latency us p50 %.0f p99 %.0f p99.9 %.0f max %.0f"
                "  cpu: bench %.0f %%",
                label, r.offered, r.sent, r.acked, r.received, r.expected, r.lossPercent,
                r.delivered, r.lat.p50, r.lat.p99, r.lat.p999, r.lat.max, r.selfCpu);
    if (r.serverCpu >= 0)
        std::printf(" server %.0f %%", r.serverCpu);
    std::printf("\n");
    std::fflush(stdout);
}

bool connectAll(Bench &bench, const Options &o, double &seconds)
{
    seconds = bench.waitConnected(o.settleSeconds);
    const uint64_t ok = bench.sum(&Worker::connected);
    const uint64_t bad = bench.sum(&Worker::failed);
    std::printf("connected %" PRIu64 " of %d clients in %.2f s (%" PRIu64 " failed)\n", ok,
                o.clients, seconds, bad);
    if (ok < uint64_t(o.clients)) {
        std::printf("first problem: %s\n", bench.problem().c_str());
        return false;
    }
    // Let join notices and user lists settle before measuring.
    bench.waitQuiet(300, o.settleSeconds);
    if (bench.sum(&Worker::closed) > 0) {
        std::printf("clients closed while settling; first problem: %s\n", bench.problem().c_str());
        return false;
    }
    std::fflush(stdout);
    return true;
}

int runFixed(const Options &o)
{
    Bench bench(o);
    bench.start();
    double seconds = 0;
    if (!connectAll(bench, o, seconds)) {
        std::printf("RESULT mode=fixed ok=0\n");
        return 1;
    }
    int step = 0;
    if (o.warmup > 0) {
        printStep("warm-up", bench.runStep(step++, o.rate, o.warmup));
        bench.waitQuiet(200, 5);
    }
    const auto r = bench.runStep(step, o.rate, o.duration);
    printStep(o.mode == Mode::Smoke ? "smoke" : "measured", r);
    const double serverUs = bench.lastServerCpuSeconds();
    const double usPerDelivery
        = serverUs >= 0 && r.received ? serverUs * 1e6 / double(r.received) : -1;
    const bool ok = r.lossPercent == 0 && r.closedDuring == 0 && bench.sum(&Worker::errors) == 0
                    && r.sent > 0;
    if (!ok && !bench.problem().empty())
        std::printf("first problem: %s\n", bench.problem().c_str());
    std::printf("RESULT mode=%s ok=%d clients=%d senders=%d offered=%.0f delivered=%.0f loss=%.4f "
                "sent=%" PRIu64 " acked=%" PRIu64
                " p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f bench_cpu=%.1f server_cpu=%.1f"
                " server_us_per_delivery=%.3f\n",
                o.mode == Mode::Smoke ? "smoke" : "fixed", ok ? 1 : 0, o.clients, o.senders,
                r.offered, r.delivered, r.lossPercent, r.sent, r.acked, r.lat.p50, r.lat.p99,
                r.lat.p999, r.lat.max, r.selfCpu, r.serverCpu, usPerDelivery);
    return ok ? 0 : 1;
}

// Why a capacity step did not hold, as words for the log and as keywords (joined by '+') for
// the RESULT line; both empty when it held.
struct StepVerdict
{
    std::string words;
    std::string keywords;

    bool held() const { return keywords.empty(); }
    void add(const char *keyword, const std::string &text)
    {
        words += (words.empty() ? "" : "; ") + text;
        keywords += (keywords.empty() ? "" : "+") + std::string(keyword);
    }
};

std::string formatted(const char *format, double a, double b = 0)
{
    char text[128];
    std::snprintf(text, sizeof text, format, a, b);
    return text;
}

// messagesPerSecond: what the step asked of all senders together. The generator, not the server,
// may be what failed when it sent less than that or its threads had no time left.
StepVerdict judge(const Bench::StepResult &r, const Options &o, double messagesPerSecond)
{
    StepVerdict verdict;
    if (r.sent == 0)
        verdict.add("none_sent", "nothing was sent");
    if (r.closedDuring > 0)
        verdict.add("closed", formatted("%.0f clients were closed", double(r.closedDuring)));
    if (r.lossPercent > 0)
        verdict.add("loss", formatted("loss %.3f %%", r.lossPercent));
    if (r.lat.p99 > o.boundMs * 1000)
        verdict.add("latency", formatted("p99 %.1f ms > %g ms", r.lat.p99 / 1000, o.boundMs));
    if (verdict.held())
        return verdict;
    const double sentShare = 100.0 * double(r.sent) / (messagesPerSecond * r.seconds);
    if (sentShare < 95 || r.selfCpu >= 90.0 * o.threads)
        verdict.add("generator",
                    formatted("the generator may be the limit: it sent %.0f %% of the messages "
                              "asked, its CPU %.0f %%",
                              sentShare, r.selfCpu));
    return verdict;
}

int runCapacity(const Options &o)
{
    Bench bench(o);
    bench.start();
    double seconds = 0;
    if (!connectAll(bench, o, seconds)) {
        std::printf("RESULT mode=capacity ok=0\n");
        return 1;
    }
    double good = 0;
    double bad = 0; // 0: not found yet
    std::string badBecause = "none";
    double rate = o.start;
    Bench::StepResult best;
    int id = 0; // of the steps run, retries included (each has its own counters)
    for (int step = 0; step < o.maxSteps && id < kMaxSteps; ++step) {
        const double messagesPerSecond = rate / double(o.clients);
        auto r = bench.runStep(id++, messagesPerSecond, o.duration);
        StepVerdict verdict = judge(r, o, messagesPerSecond);
        const auto print = [&] {
            char label[40];
            std::snprintf(label, sizeof label, "step %d %s", step, verdict.held() ? "ok" : "FAIL");
            printStep(label, r);
        };
        print();
        // A failed step is run once more (after the backlog drained): a build or a page-cache
        // flush elsewhere on a shared machine must not end the search too early.
        if (!verdict.held() && r.closedDuring == 0 && id < kMaxSteps) {
            std::printf("           failed: %s; once more\n", verdict.words.c_str());
            bench.waitQuiet(300, 30);
            r = bench.runStep(id++, messagesPerSecond, o.duration);
            verdict = judge(r, o, messagesPerSecond);
            print();
        }
        if (!verdict.held())
            std::printf("           failed: %s\n", verdict.words.c_str());
        std::fflush(stdout);
        if (r.closedDuring > 0) {
            std::printf("clients were closed; stopping. first problem: %s\n",
                        bench.problem().c_str());
            break;
        }
        if (verdict.held()) {
            good = rate;
            best = r;
        } else {
            bad = rate;
            badBecause = verdict.keywords;
        }
        if (bad > 0 && good > 0 && bad / good <= o.precision)
            break;
        rate = bad == 0   ? rate * o.factor
               : good > 0 ? std::sqrt(good * bad)
                          : rate / (o.factor * o.factor);
        if (rate < 100)
            break;
        // A failed step leaves a backlog in the server: let it empty before the next one.
        bench.waitQuiet(300, 30);
    }
    std::printf("capacity: %.0f deliveries/s held (p99 <= %.0f ms, zero loss)%s\n", good, o.boundMs,
                bad == 0 ? " (the last step still held: raise --max-steps)" : "");
    std::printf("RESULT mode=capacity ok=%d clients=%d senders=%d capacity=%.0f first_failed=%.0f "
                "failed_by=%s p50_us=%.1f "
                "p99_us=%.1f p999_us=%.1f bench_cpu=%.1f server_cpu=%.1f\n",
                good > 0 ? 1 : 0, o.clients, o.senders, good, bad, badBecause.c_str(), best.lat.p50,
                best.lat.p99, best.lat.p999, best.selfCpu, best.serverCpu);
    return good > 0 ? 0 : 1;
}

int runRtt(const Options &o)
{
    Bench bench(o);
    bench.start();
    double seconds = 0;
    if (!connectAll(bench, o, seconds)) {
        std::printf("RESULT mode=rtt ok=0\n");
        return 1;
    }
    if (o.warmup > 0)
        bench.runStep(0, 1, o.warmup);
    const auto r = bench.runStep(1, 1, o.duration);
    std::printf("round trip: %" PRIu64
                " messages in %.1f s, one in flight: us p50 %.1f p99 %.1f p99.9 %.1f max "
                "%.1f; cpu bench %.0f %%\n",
                r.acked, o.duration, r.lat.p50, r.lat.p99, r.lat.p999, r.lat.max, r.selfCpu);
    std::printf("RESULT mode=rtt ok=%d count=%" PRIu64
                " p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f\n",
                r.acked > 0 ? 1 : 0, r.acked, r.lat.p50, r.lat.p99, r.lat.p999, r.lat.max);
    return r.acked > 0 ? 0 : 1;
}

int runStorm(const Options &o)
{
    Bench bench(o);
    const int64_t begin = nowNs();
    bench.start();
    bench.waitConnected(std::min(o.settleSeconds, 30.0));
    const double wall = double(nowNs() - begin) / 1e9;
    // Anything closed shortly after the handshake (e.g. refused after it) is a failure too.
    sleepMs(500);
    const uint64_t ok = bench.sum(&Worker::connected);
    const uint64_t closed = bench.sum(&Worker::closed);
    const uint64_t failed
        = bench.sum(&Worker::failed) + closed
          + (uint64_t(o.clients)
             - std::min<uint64_t>(uint64_t(o.clients), ok + bench.sum(&Worker::failed)));
    const Summary h = bench.handshakes();
    std::printf(
        "connect storm: %d clients at once: %" PRIu64 " handshakes in %.3f s (%.0f/s), %" PRIu64
        " failed; handshake ms p50 %.1f p99 %.1f max %.1f\n",
        o.clients, ok, wall, double(ok) / wall, failed, h.p50 / 1000, h.p99 / 1000, h.max / 1000);
    if (failed)
        std::printf("first problem: %s\n", bench.problem().c_str());
    std::printf("RESULT mode=storm ok=%d clients=%d handshakes=%" PRIu64 " failures=%" PRIu64
                " seconds=%.3f per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
                failed == 0 ? 1 : 0, o.clients, ok, failed, wall, double(ok) / wall, h.p50 / 1000,
                h.p99 / 1000, h.max / 1000);
    return failed == 0 ? 0 : 1;
}

int runIdle(const Options &o)
{
    if (o.serverPid <= 0)
        fail("--idle needs --server-pid");
    const long before = rssKiBOf(o.serverPid);
    Bench bench(o);
    bench.start();
    double seconds = 0;
    const bool connected = connectAll(bench, o, seconds);
    const uint64_t open = bench.openClients();
    const long after = rssKiBOf(o.serverPid);
    // The server's CPU while it holds them, idle.
    const double cpu0 = cpuSecondsOf(o.serverPid);
    const double self0 = cpuSecondsSelf();
    const int64_t t0 = nowNs();
    sleepMs(int(o.idleSeconds * 1000));
    const double wall = double(nowNs() - t0) / 1e9;
    const double idleCpu = 100.0 * (cpuSecondsOf(o.serverPid) - cpu0) / wall;
    const double selfCpu = 100.0 * (cpuSecondsSelf() - self0) / wall;
    const long held = rssKiBOf(o.serverPid);
    const uint64_t stillOpen = bench.openClients();
    const double perConnection = open ? double(after - before) * 1024.0 / double(open) : 0;
    std::printf("idle: %" PRIu64 " clients connected in %.1f s (%" PRIu64
                " still open after %.0f s); server RSS "
                "%ld KiB before, %ld KiB after, %ld KiB after idling: %.0f bytes per connection; "
                "server CPU "
                "while idle %.2f %%, bench %.2f %%\n",
                open, seconds, stillOpen, o.idleSeconds, before, after, held, perConnection,
                idleCpu, selfCpu);
    std::printf("RESULT mode=idle ok=%d clients=%" PRIu64
                " connect_s=%.1f rss_before_kib=%ld rss_after_kib=%ld "
                "bytes_per_connection=%.0f idle_cpu=%.2f still_open=%" PRIu64 "\n",
                connected && stillOpen == open ? 1 : 0, open, seconds, before, after, perConnection,
                idleCpu, stillOpen);
    return connected ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    const Options o = parseOptions(argc, argv);
    rlimit files {};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    switch (o.mode) {
    case Mode::Fixed:
    case Mode::Smoke:
        return runFixed(o);
    case Mode::Capacity:
        return runCapacity(o);
    case Mode::Rtt:
        return runRtt(o);
    case Mode::Storm:
        return runStorm(o);
    case Mode::Idle:
        return runIdle(o);
    }
    return 2;
}
