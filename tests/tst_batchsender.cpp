// BatchSender, the fan-out's sends (docs/ARCHITECTURE.md, "Fan-out"). Every test runs twice: with
// io_uring, as the server runs here, and with LANCHAT_IO_URING=off, one send() per entry as on a
// kernel that refuses io_uring. Both must keep send()'s meaning: whole, partial or nothing, never
// waiting for room, never raising SIGPIPE.
#include "batchsender.h"
#include "testsupport.h"

Q_DECLARE_METATYPE(BatchSender::RingCall)

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <vector>

namespace {

// Everything the receiving end holds right now (it never waits).
QByteArray drain(int fd)
{
    QByteArray all;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n <= 0)
            return all;
        all.append(buffer, n);
    }
}

bool ioUringDisabledHere()
{
    QFile sysctl(QStringLiteral("/proc/sys/kernel/io_uring_disabled"));
    return sysctl.open(QIODevice::ReadOnly) && sysctl.readAll().trimmed() != "0";
}

} // namespace

class tst_BatchSender : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void eachQueuedSendArrivesWhole_data();
    void eachQueuedSendArrivesWhole();
    void moreSendsThanOneRingHolds_data() { paths(); }
    void moreSendsThanOneRingHolds();
    void fullSocketGivesPartThenNothingWithoutWaiting_data() { paths(); }
    void fullSocketGivesPartThenNothingWithoutWaiting();
    void closedPeerIsAShortfallAndNoSignal_data() { paths(); }
    void closedPeerIsAShortfallAndNoSignal();
    void rejectedSendDoesNotStopTheOthers_data() { paths(); }
    void rejectedSendDoesNotStopTheOthers();
    void tcpSocketsGetTheirFrames_data() { paths(); }
    void tcpSocketsGetTheirFrames();
    void emptyFlushIsHarmless_data() { paths(); }
    void emptyFlushIsHarmless();
    void ringFaultsLoseNothing_data();
    void ringFaultsLoseNothing();
    void repeatedFaultsAreLoggedOnce();
    void lostCompletionsAreNeverSentAgain();

private:
    void paths();
    std::unique_ptr<BatchSender> makeRingSender();
    std::unique_ptr<BatchSender> makeSender();
};

void tst_BatchSender::paths()
{
    QTest::addColumn<bool>("ioUring");
    QTest::newRow("io_uring") << true;
    QTest::newRow("send per entry") << false;
}

void tst_BatchSender::init()
{
    qunsetenv("LANCHAT_IO_URING");
}

void tst_BatchSender::cleanup()
{
    qunsetenv("LANCHAT_IO_URING");
}

std::unique_ptr<BatchSender> tst_BatchSender::makeSender()
{
    QFETCH(bool, ioUring);
    if (ioUring && ioUringDisabledHere())
        QTest::qSkip("kernel.io_uring_disabled is set on this machine", __FILE__, __LINE__);
    if (!ioUring)
        qputenv("LANCHAT_IO_URING", "off");
    auto sender = std::make_unique<BatchSender>();
    // Where the kernel allows io_uring (it does here), the server must be using it.
    if (sender->usesIoUring() != ioUring) {
        QTest::qFail("io_uring use differs from what was asked", __FILE__, __LINE__);
        return nullptr;
    }
    return sender;
}

void tst_BatchSender::eachQueuedSendArrivesWhole_data()
{
    QTest::addColumn<bool>("ioUring");
    QTest::addColumn<int>("sockets");
    for (const int sockets : {1, 7, 300}) {
        QTest::addRow("io_uring, %d sockets", sockets) << true << sockets;
        QTest::addRow("send per entry, %d sockets", sockets) << false << sockets;
    }
}

void tst_BatchSender::eachQueuedSendArrivesWhole()
{
    QFETCH(int, sockets);
    auto sender = makeSender();
    if (!sender)
        return;
    std::vector<std::unique_ptr<SocketPair>> pairs;
    QList<QByteArray> frames;
    for (int i = 0; i < sockets; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        QVERIFY(pairs.back()->isValid());
        frames.append(QByteArray::number(i).repeated(1 + i % 50));
    }
    // Three rounds: each socket gets its frames in order, one send per socket and round.
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < sockets; ++i)
            sender->queue(pairs[size_t(i)]->fds[0], frames[i].constData(), frames[i].size(),
                          quint64(i));
        QVERIFY(!sender->isEmpty());
        QVERIFY(sender->flush().empty());
        QVERIFY(sender->isEmpty());
    }
    for (int i = 0; i < sockets; ++i)
        QCOMPARE(drain(pairs[size_t(i)]->fds[1]), frames[i].repeated(3));
}

// 1,500 sends span two rounds of the ring (1,024 entries each).
void tst_BatchSender::moreSendsThanOneRingHolds()
{
    auto sender = makeSender();
    if (!sender)
        return;
    constexpr int Sockets = 1500;
    std::vector<std::unique_ptr<SocketPair>> pairs;
    for (int i = 0; i < Sockets; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        QVERIFY2(pairs.back()->isValid(), "socketpair failed (descriptor limit?)");
    }
    const QByteArray frame("\x81\x05hello", 7);
    for (int i = 0; i < Sockets; ++i)
        sender->queue(pairs[size_t(i)]->fds[0], frame.constData(), frame.size(), quint64(i));
    QVERIFY(sender->flush().empty());
    for (int i = 0; i < Sockets; ++i)
        QCOMPARE(drain(pairs[size_t(i)]->fds[1]), frame);
}

// A peer that does not read: the kernel takes part of a large frame, then nothing. Neither flush
// may wait for room, and the shortfall says exactly where the rest starts.
void tst_BatchSender::fullSocketGivesPartThenNothingWithoutWaiting()
{
    auto sender = makeSender();
    if (!sender)
        return;
    SocketPair stalled;
    SocketPair healthy;
    const QByteArray big(16 * 1024 * 1024, 'x');
    const QByteArray small("fits");
    QElapsedTimer clock;
    clock.start();

    sender->queue(stalled.fds[0], big.constData(), big.size(), 1);
    sender->queue(healthy.fds[0], small.constData(), small.size(), 2);
    std::vector<BatchSender::Shortfall> first = sender->flush();
    QCOMPARE(first.size(), size_t(1));
    QCOMPARE(first[0].tag, quint64(1));
    QCOMPARE(first[0].data, big.constData());
    QCOMPARE(first[0].size, big.size());
    QVERIFY2(first[0].sent > 0 && first[0].sent < big.size(),
             qPrintable(QString::number(first[0].sent)));
    QCOMPARE(drain(healthy.fds[1]), small);

    const qsizetype rest = big.size() - first[0].sent;
    sender->queue(stalled.fds[0], big.constData() + first[0].sent, rest, 1);
    const std::vector<BatchSender::Shortfall> second = sender->flush();
    QCOMPARE(second.size(), size_t(1));
    QCOMPARE(second[0].sent, qsizetype(0));
    QCOMPARE(second[0].size, rest);
    QVERIFY2(clock.elapsed() < 5000, "a flush waited for the peer to read");

    // What went is exactly the start of the frame.
    const QByteArray received = drain(stalled.fds[1]);
    QCOMPARE(received.size(), first[0].sent);
    QVERIFY(received == big.left(first[0].sent));
}

void tst_BatchSender::closedPeerIsAShortfallAndNoSignal()
{
    auto sender = makeSender();
    if (!sender)
        return;
    SocketPair gone;
    SocketPair healthy;
    ::close(gone.fds[1]);
    gone.fds[1] = -1;
    const QByteArray frame("after the peer left");
    sender->queue(gone.fds[0], frame.constData(), frame.size(), 7);
    sender->queue(healthy.fds[0], frame.constData(), frame.size(), 8);
    // Without MSG_NOSIGNAL this would end the test process with SIGPIPE.
    const std::vector<BatchSender::Shortfall> shortfalls = sender->flush();
    QCOMPARE(shortfalls.size(), size_t(1));
    QCOMPARE(shortfalls[0].tag, quint64(7));
    QCOMPARE(shortfalls[0].sent, qsizetype(0));
    QCOMPARE(drain(healthy.fds[1]), frame);
}

// A descriptor the kernel refuses fails alone; the sends queued after it still go.
void tst_BatchSender::rejectedSendDoesNotStopTheOthers()
{
    auto sender = makeSender();
    if (!sender)
        return;
    SocketPair first;
    SocketPair last;
    const QByteArray frame("still delivered");
    sender->queue(first.fds[0], frame.constData(), frame.size(), 1);
    sender->queue(-1, frame.constData(), frame.size(), 2);
    sender->queue(last.fds[0], frame.constData(), frame.size(), 3);
    const std::vector<BatchSender::Shortfall> shortfalls = sender->flush();
    QCOMPARE(shortfalls.size(), size_t(1));
    QCOMPARE(shortfalls[0].tag, quint64(2));
    QCOMPARE(drain(first.fds[1]), frame);
    QCOMPARE(drain(last.fds[1]), frame);
    // The sender is still usable (and still on the same path) afterwards.
    QFETCH(bool, ioUring);
    QCOMPARE(sender->usesIoUring(), ioUring);
    sender->queue(last.fds[0], frame.constData(), frame.size(), 4);
    QVERIFY(sender->flush().empty());
    QCOMPARE(drain(last.fds[1]), frame);
}

// The server's real case: accepted TCP sockets on loopback, read by Qt clients.
void tst_BatchSender::tcpSocketsGetTheirFrames()
{
    auto sender = makeSender();
    if (!sender)
        return;
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
    constexpr int Clients = 20;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    std::vector<QTcpSocket *> accepted;
    for (int i = 0; i < Clients; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, listener.serverPort());
        QVERIFY(listener.waitForNewConnection(5000));
        accepted.push_back(listener.nextPendingConnection());
        QVERIFY(clients.back()->waitForConnected(5000));
    }
    QList<QByteArray> frames;
    for (int i = 0; i < Clients; ++i) {
        frames.append(QByteArray("frame for client ") + QByteArray::number(i));
        sender->queue(int(accepted[size_t(i)]->socketDescriptor()), frames[i].constData(),
                      frames[i].size(), quint64(i));
    }
    QVERIFY(sender->flush().empty());
    for (int i = 0; i < Clients; ++i) {
        QTcpSocket &client = *clients[size_t(i)];
        QTRY_COMPARE_WITH_TIMEOUT(client.bytesAvailable(), qint64(frames[i].size()), 5000);
        QCOMPARE(client.readAll(), frames[i]);
    }
}

void tst_BatchSender::emptyFlushIsHarmless()
{
    auto sender = makeSender();
    if (!sender)
        return;
    QVERIFY(sender->isEmpty());
    QVERIFY(sender->flush().empty());
    QVERIFY(sender->flush().empty());
}

std::unique_ptr<BatchSender> tst_BatchSender::makeRingSender()
{
    if (ioUringDisabledHere())
        QTest::qSkip("kernel.io_uring_disabled is set on this machine", __FILE__, __LINE__);
    auto sender = std::make_unique<BatchSender>();
    if (!sender->usesIoUring()) {
        QTest::qFail("io_uring is not in use", __FILE__, __LINE__);
        return nullptr;
    }
    return sender;
}

void tst_BatchSender::ringFaultsLoseNothing_data()
{
    using Call = BatchSender::RingCall;
    QTest::addColumn<BatchSender::RingCall>("call");
    QTest::addColumn<int>("error");
    QTest::addColumn<bool>("ringAfterwards");
    QTest::addColumn<bool>("logged"); // an interrupted call is simply made again
    QTest::addRow("submit EAGAIN") << Call::Submit << -EAGAIN << true << true;
    QTest::addRow("submit EBUSY") << Call::Submit << -EBUSY << true << true;
    QTest::addRow("submit EINTR") << Call::Submit << -EINTR << true << false;
    QTest::addRow("submit EINVAL, permanent") << Call::Submit << -EINVAL << false << true;
    QTest::addRow("wait EINTR") << Call::WaitCompletion << -EINTR << true << false;
    QTest::addRow("wait EAGAIN") << Call::WaitCompletion << -EAGAIN << true << true;
    QTest::addRow("wait EBUSY") << Call::WaitCompletion << -EBUSY << true << true;
    QTest::addRow("wait EFAULT, permanent") << Call::WaitCompletion << -EFAULT << false << true;
}

// A failing io_uring call never ends the server: the batch still reaches every socket exactly
// once and in order (through send() where the ring failed), a transient failure leaves the ring
// in use for the next batch, a permanent one turns it off.
void tst_BatchSender::ringFaultsLoseNothing()
{
    QFETCH(BatchSender::RingCall, call);
    QFETCH(int, error);
    QFETCH(bool, ringAfterwards);
    QFETCH(bool, logged);
    auto sender = makeRingSender();
    if (!sender)
        return;
    if (logged)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("io_uring")));
    QTest::failOnWarning(QRegularExpression(QStringLiteral("io_uring")));
    constexpr int Sockets = 40;
    constexpr int Rounds = 4;
    std::vector<std::unique_ptr<SocketPair>> pairs;
    for (int i = 0; i < Sockets; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        QVERIFY(pairs.back()->isValid());
    }
    std::vector<QByteArray> expected(Sockets);
    for (int round = 0; round < Rounds; ++round) {
        std::vector<QByteArray> frames;
        for (int i = 0; i < Sockets; ++i)
            frames.push_back("round " + QByteArray::number(round) + " socket "
                             + QByteArray::number(i) + ';');
        for (int i = 0; i < Sockets; ++i) {
            sender->queue(pairs[size_t(i)]->fds[0], frames[size_t(i)].constData(),
                          frames[size_t(i)].size(), quint64(i));
            expected[size_t(i)] += frames[size_t(i)];
        }
        if (round == 1)
            sender->failNextRingCalls(call, error);
        const quint64 ringBefore = sender->ringSends();
        QVERIFY(sender->flush().empty());
        if (round == 1)
            QCOMPARE(sender->usesIoUring(), ringAfterwards);
        if (round == 2 && ringAfterwards)
            QCOMPARE(sender->ringSends(), ringBefore + Sockets); // the ring works again
    }
    for (int i = 0; i < Sockets; ++i)
        QCOMPARE(drain(pairs[size_t(i)]->fds[1]), expected[size_t(i)]);
}

// Faults are logged, but not once per batch: a busy kernel must not flood the log.
void tst_BatchSender::repeatedFaultsAreLoggedOnce()
{
    auto sender = makeRingSender();
    if (!sender)
        return;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("io_uring")));
    QTest::failOnWarning(QRegularExpression(QStringLiteral("io_uring")));
    SocketPair pair;
    QByteArray all;
    for (int round = 0; round < 5; ++round) {
        const QByteArray frame = "frame " + QByteArray::number(round);
        all += frame;
        sender->queue(pair.fds[0], frame.constData(), frame.size(), 1);
        sender->failNextRingCalls(round % 2 ? BatchSender::RingCall::WaitCompletion
                                            : BatchSender::RingCall::Submit,
                                  -EAGAIN);
        QVERIFY(sender->flush().empty());
        QVERIFY(sender->usesIoUring());
    }
    QCOMPARE(drain(pair.fds[1]), all);
}

// Completions the kernel never delivers (the wait fails and the queue has none): whether those
// sends went is unknown, so they are reported as such (the caller closes those sockets) and never
// sent again, which could repeat or split a frame.
void tst_BatchSender::lostCompletionsAreNeverSentAgain()
{
    auto sender = makeRingSender();
    if (!sender)
        return;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("io_uring")));
    SocketPair first, second;
    const QByteArray frame("sent once at most");
    sender->queue(first.fds[0], frame.constData(), frame.size(), 1);
    sender->queue(second.fds[0], frame.constData(), frame.size(), 2);
    sender->failNextRingCalls(BatchSender::RingCall::WaitCompletion, -EFAULT, 100);
    sender->failNextRingCalls(BatchSender::RingCall::PeekCompletion, -EAGAIN, 100);
    const std::vector<BatchSender::Shortfall> shortfalls = sender->flush();
    QCOMPARE(shortfalls.size(), size_t(2));
    for (const BatchSender::Shortfall &shortfall : shortfalls)
        QVERIFY(shortfall.unknown);
    QVERIFY(!sender->usesIoUring());
    // The kernel did send them (it only failed to say so): exactly once.
    QCOMPARE(drain(first.fds[1]), frame);
    QCOMPARE(drain(second.fds[1]), frame);
}

QTEST_GUILESS_MAIN(tst_BatchSender)
#include "tst_batchsender.moc"
