// SocketBuffers: accepted TCP sockets that give their buffers' memory back when idle
// (docs/ARCHITECTURE.md, "Memory per connection"). The memory is read from glibc's own count of
// bytes in use (mallinfo2), on real loopback sockets; bytes must arrive whole and in order whether
// a buffer was empty or still held data when its memory policy changed.
#include "socketbuffers.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <malloc.h>

#include <memory>
#include <vector>

namespace {

constexpr int Pairs = 64;
constexpr qint64 QtReadBlock = 16 * 1024; // QIODEVICE_BUFFERSIZE in Qt 6.4

#ifdef __SANITIZE_ADDRESS__
constexpr bool HeapIsGlibcs = false; // ASan's allocator keeps its own books
#else
constexpr bool HeapIsGlibcs = true;
#endif

qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks) + qint64(info.hblkhd);
}

QByteArray pattern(qsizetype size, char seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(seed + i % 251);
    return bytes;
}

// Reads from `from` until `size` bytes arrived or the time is up. The event loop runs meanwhile,
// so both ends of a pair make progress.
QByteArray receive(QTcpSocket *from, qsizetype size)
{
    QByteArray got;
    QDeadlineTimer deadline(10000);
    for (;;) {
        got += from->readAll();
        if (got.size() >= size || deadline.hasExpired())
            return got;
        QSignalSpy ready(from, &QTcpSocket::readyRead);
        if (from->bytesAvailable() == 0 && !ready.wait(int(deadline.remainingTime())))
            return got;
    }
}

struct Pair
{
    std::unique_ptr<QTcpSocket> client;
    std::unique_ptr<QTcpSocket> accepted;
};

} // namespace

class tst_SocketBuffers : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void emptyBuffersAreFreedAtOnce();
    void buffersStayFreeAcrossTraffic();
    void bytesInBuffersSurvive();
    void nullSocketIsRefused();
    void pathIsTheOneConfigured();

private:
    // Connects `count` pairs, then sends a line each way so that Qt has allocated the accepted
    // sockets' read and write buffers.
    void connectAndExchange(int count);
    void exchange(Pair &pair, qsizetype clientBytes, qsizetype serverBytes, char seed);

    std::unique_ptr<QTcpServer> m_server;
    std::vector<Pair> m_pairs;
};

void tst_SocketBuffers::init()
{
    m_server = std::make_unique<QTcpServer>();
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
}

void tst_SocketBuffers::cleanup()
{
    m_pairs.clear();
    m_server.reset();
}

void tst_SocketBuffers::connectAndExchange(int count)
{
    for (int i = 0; i < count; ++i) {
        Pair pair;
        pair.client = std::make_unique<QTcpSocket>();
        pair.client->connectToHost(QHostAddress::LocalHost, m_server->serverPort());
        QVERIFY(pair.client->waitForConnected(5000));
        QVERIFY(m_server->hasPendingConnections() || m_server->waitForNewConnection(5000));
        pair.accepted.reset(m_server->nextPendingConnection());
        QVERIFY(pair.accepted);
        pair.accepted->setParent(nullptr);
        exchange(pair, 200, 200, char(i));
        if (QTest::currentTestFailed())
            return;
        m_pairs.push_back(std::move(pair));
    }
}

void tst_SocketBuffers::exchange(Pair &pair, qsizetype clientBytes, qsizetype serverBytes,
                                 char seed)
{
    const QByteArray up = pattern(clientBytes, seed);
    pair.client->write(up);
    QCOMPARE(receive(pair.accepted.get(), up.size()), up);

    const QByteArray down = pattern(serverBytes, char(seed + 1));
    pair.accepted->write(down);
    const QByteArray got = receive(pair.client.get(), down.size());
    QCOMPARE(got.size(), down.size());
    QCOMPARE(got, down);
    QTRY_COMPARE_WITH_TIMEOUT(pair.accepted->bytesToWrite(), qint64(0), 5000);
}

void tst_SocketBuffers::emptyBuffersAreFreedAtOnce()
{
    connectAndExchange(Pairs);
    const qint64 before = heapInUse();
    for (Pair &pair : m_pairs)
        QVERIFY(SocketBuffers::releaseWhenEmpty(pair.accepted.get()));
    const qint64 after = heapInUse();
    if (!HeapIsGlibcs)
        QSKIP("heap figures need glibc's allocator (this build uses AddressSanitizer's)");
    qInfo("heap in use: %lld bytes before, %lld after: %lld bytes freed per socket", before, after,
          (before - after) / Pairs);
    // Each read buffer held a 16 KiB block; the write buffers held at least the 200 bytes sent.
    QVERIFY2(before - after >= Pairs * (QtReadBlock + 200),
             qPrintable(QStringLiteral("only %1 bytes freed").arg(before - after)));
}

void tst_SocketBuffers::buffersStayFreeAcrossTraffic()
{
    connectAndExchange(Pairs);
    for (Pair &pair : m_pairs)
        QVERIFY(SocketBuffers::releaseWhenEmpty(pair.accepted.get()));
    const qint64 released = heapInUse();
    // Large to small messages both ways: each needs a buffer while it is in flight. Ending with
    // small ones leaves the clients' sockets (not released) holding the blocks they held before,
    // so the difference is the accepted sockets'.
    const qsizetype sizes[] = {70000, 5000, 300, 1};
    for (Pair &pair : m_pairs) {
        for (const qsizetype size : sizes) {
            exchange(pair, size, size, char(size));
            if (QTest::currentTestFailed())
                return;
        }
    }
    const qint64 afterTraffic = heapInUse();
    if (!HeapIsGlibcs)
        QSKIP("heap figures need glibc's allocator (this build uses AddressSanitizer's)");
    qInfo("heap in use: %lld bytes after the release, %lld after the traffic", released,
          afterTraffic);
    // Without the release each socket would keep a read block of at least 16 KiB again.
    QVERIFY2(afterTraffic - released < Pairs * 2048,
             qPrintable(QStringLiteral("%1 bytes per socket kept after the traffic")
                            .arg((afterTraffic - released) / Pairs)));
}

void tst_SocketBuffers::bytesInBuffersSurvive()
{
    connectAndExchange(1);
    QVERIFY(!m_pairs.empty());
    Pair &pair = m_pairs.front();

    // Bytes Qt has read but nobody has consumed yet.
    const QByteArray unread = pattern(3000, 'a');
    pair.client->write(unread);
    QTRY_COMPARE_WITH_TIMEOUT(pair.accepted->bytesAvailable(), qint64(unread.size()), 5000);
    // Bytes queued in Qt's write buffer that have not reached the kernel yet (nothing has run the
    // event loop since write()): more than one socket buffer's worth, so they leave in pieces.
    const QByteArray queued = pattern(4 * 1024 * 1024, 'b');
    QCOMPARE(pair.accepted->write(queued), qint64(queued.size()));
    QVERIFY(pair.accepted->bytesToWrite() > 0);

    QVERIFY(SocketBuffers::releaseWhenEmpty(pair.accepted.get()));

    QCOMPARE(pair.accepted->readAll(), unread);
    const QByteArray got = receive(pair.client.get(), queued.size());
    QCOMPARE(got.size(), queued.size());
    QVERIFY(got == queued);
    QTRY_COMPARE_WITH_TIMEOUT(pair.accepted->bytesToWrite(), qint64(0), 5000);
    // And the socket carries on as before.
    exchange(pair, 64 * 1024, 64 * 1024, 'c');
}

void tst_SocketBuffers::nullSocketIsRefused()
{
    QVERIFY(!SocketBuffers::releaseWhenEmpty(nullptr));
}

// CMake builds the private path only for the Qt it was written for (server/CMakeLists.txt); the
// server logs which path it runs.
void tst_SocketBuffers::pathIsTheOneConfigured()
{
    QCOMPARE(SocketBuffers::isAvailable(), LANCHAT_SOCKETBUFFERS_PRIVATE_EXPECTED);
    const QByteArray path = SocketBuffers::pathDescription();
    QVERIFY2(path.startsWith(LANCHAT_SOCKETBUFFERS_PRIVATE_EXPECTED ? "released when empty"
                                                                    : "kept as Qt makes them"),
             path.constData());
}

QTEST_GUILESS_MAIN(tst_SocketBuffers)
#include "tst_socketbuffers.moc"
