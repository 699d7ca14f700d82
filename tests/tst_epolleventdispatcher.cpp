// EpollEventDispatcher, the server thread's event loop (docs/ARCHITECTURE.md, "Threads"). This
// suite's own main thread runs on it, so every QSignalSpy::wait and QTRY_* below exercises it too;
// the last tests run it in a second thread the way ServerController does.
#include "epolleventdispatcher.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

#include <memory>

using namespace std::chrono_literals;

namespace {

void writeByte(int fd)
{
    const char byte = 'x';
    QCOMPARE(::write(fd, &byte, 1), ssize_t(1));
}

// Counts the timer events an object receives, and can run a nested event loop from one.
class TimerTarget : public QObject
{
public:
    int events = 0;
    std::function<void(int timerId)> onEvent;

protected:
    void timerEvent(QTimerEvent *event) override
    {
        ++events;
        if (onEvent)
            onEvent(event->timerId());
    }
};

} // namespace

class tst_EpollEventDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void mainThreadRunsOnIt();
    void singleShotTimersFireInDeadlineOrder();
    void repeatingTimerKeepsFiringUntilKilled();
    void remainingTimeCountsDown();
    void registeredTimersAreListedAndUnregisteredTogether();
    void zeroTimerDoesNotStarveSockets();
    void timerIsNotReenteredFromNestedLoop();
    void readAndWriteNotifiersOnOneDescriptor();
    void disabledNotifierStaysQuiet();
    void hangUpWakesTheReader();
    void notifierDeletedByAnotherInTheSameRound();
    void reusedDescriptorGetsNoStaleEvent();
    void postedEventsRunBeforeWaiting();
    void otherThreadWakesABlockedLoop();
    void quitFromAnotherThreadEndsTheLoop();
    void tcpRoundTripInAServerThread();
};

void tst_EpollEventDispatcher::mainThreadRunsOnIt()
{
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
}

void tst_EpollEventDispatcher::singleShotTimersFireInDeadlineOrder()
{
    QList<int> order;
    QTimer::singleShot(60ms, this, [&] { order << 60; });
    QTimer::singleShot(5ms, this, [&] { order << 5; });
    QTimer::singleShot(30ms, this, [&] { order << 30; });
    QElapsedTimer elapsed;
    elapsed.start();
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, 5000);
    QCOMPARE(order, (QList<int> {5, 30, 60}));
    QVERIFY2(elapsed.elapsed() >= 59, qPrintable(QString::number(elapsed.elapsed())));
}

void tst_EpollEventDispatcher::repeatingTimerKeepsFiringUntilKilled()
{
    TimerTarget target;
    const int id = target.startTimer(10ms);
    QVERIFY(id > 0);
    QTRY_VERIFY_WITH_TIMEOUT(target.events >= 5, 5000);
    target.killTimer(id);
    const int fired = target.events;
    QTest::qWait(50);
    QCOMPARE(target.events, fired);
}

void tst_EpollEventDispatcher::remainingTimeCountsDown()
{
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.start(10'000);
    const int remaining = timer.remainingTime();
    QVERIFY2(remaining > 9'000 && remaining <= 10'000, qPrintable(QString::number(remaining)));
    timer.stop();
    QCOMPARE(timer.remainingTime(), -1);
    QCOMPARE(QAbstractEventDispatcher::instance()->remainingTime(123456), -1);
}

void tst_EpollEventDispatcher::registeredTimersAreListedAndUnregisteredTogether()
{
    auto *dispatcher = QAbstractEventDispatcher::instance();
    TimerTarget target;
    const int a = target.startTimer(1000ms, Qt::PreciseTimer);
    const int b = target.startTimer(2000ms, Qt::VeryCoarseTimer);
    const auto timers = dispatcher->registeredTimers(&target);
    QCOMPARE(timers.size(), 2);
    for (const auto &timer : timers) {
        QVERIFY(timer.timerId == a || timer.timerId == b);
        QCOMPARE(timer.interval, timer.timerId == a ? 1000 : 2000);
        QCOMPARE(timer.timerType, timer.timerId == a ? Qt::PreciseTimer : Qt::VeryCoarseTimer);
    }
    // Moving an object to another thread unregisters its timers in one call.
    QVERIFY(dispatcher->unregisterTimers(&target));
    QVERIFY(dispatcher->registeredTimers(&target).isEmpty());
    QVERIFY(!dispatcher->unregisterTimers(&target));
    QVERIFY(!dispatcher->unregisterTimer(a));
}

void tst_EpollEventDispatcher::zeroTimerDoesNotStarveSockets()
{
    SocketPair pair;
    QVERIFY(pair.isValid());
    QSocketNotifier notifier(pair.fds[1], QSocketNotifier::Read);
    QSignalSpy activated(&notifier, &QSocketNotifier::activated);
    int zeroTicks = 0;
    QTimer busy;
    busy.setInterval(0);
    connect(&busy, &QTimer::timeout, this, [&] { ++zeroTicks; });
    busy.start();
    writeByte(pair.fds[0]);
    QVERIFY(activated.wait(2000));
    QVERIFY(zeroTicks > 0);
    // A waiting loop with a 0 ms timer never blocks, and each round fires it once.
    const int before = zeroTicks;
    QCoreApplication::processEvents();
    QCOMPARE(zeroTicks, before + 1);
}

void tst_EpollEventDispatcher::timerIsNotReenteredFromNestedLoop()
{
    TimerTarget target;
    TimerTarget other;
    int depth = 0;
    int maxDepth = 0;
    target.onEvent = [&](int) {
        ++depth;
        maxDepth = qMax(maxDepth, depth);
        if (target.events == 1) {
            // The other timer keeps firing in here; this one waits for its handler to return.
            QEventLoop loop;
            QTimer::singleShot(50ms, &loop, &QEventLoop::quit);
            loop.exec();
        }
        --depth;
    };
    const int id = target.startTimer(5ms, Qt::PreciseTimer);
    const int otherId = other.startTimer(5ms, Qt::PreciseTimer);
    QTRY_VERIFY_WITH_TIMEOUT(target.events >= 3, 5000);
    QCOMPARE(maxDepth, 1);
    QVERIFY2(other.events >= 5, qPrintable(QString::number(other.events)));
    target.killTimer(id);
    other.killTimer(otherId);
}

void tst_EpollEventDispatcher::readAndWriteNotifiersOnOneDescriptor()
{
    SocketPair pair;
    QVERIFY(pair.isValid());
    QSocketNotifier reader(pair.fds[1], QSocketNotifier::Read);
    QSocketNotifier writer(pair.fds[1], QSocketNotifier::Write);
    QSignalSpy readable(&reader, &QSocketNotifier::activated);
    QSignalSpy writable(&writer, &QSocketNotifier::activated);
    // An empty socket buffer is writable at once; once the writer is off, nothing fires.
    QVERIFY(writable.wait(2000));
    writer.setEnabled(false);
    QCOMPARE(readable.size(), 0);
    writeByte(pair.fds[0]);
    QVERIFY(readable.wait(2000));
    QCOMPARE(readable.first().at(0).value<QSocketDescriptor>(), QSocketDescriptor(pair.fds[1]));
    QCOMPARE(readable.first().at(1).value<QSocketNotifier::Type>(), QSocketNotifier::Read);
    // Level-triggered, like poll(): unread data keeps the reader active.
    readable.clear();
    QVERIFY(readable.wait(2000));
    char byte;
    QCOMPARE(::read(pair.fds[1], &byte, 1), ssize_t(1));
    writable.clear();
    writer.setEnabled(true);
    QVERIFY(writable.wait(2000));
}

void tst_EpollEventDispatcher::disabledNotifierStaysQuiet()
{
    SocketPair pair;
    QVERIFY(pair.isValid());
    QSocketNotifier reader(pair.fds[1], QSocketNotifier::Read);
    QSignalSpy readable(&reader, &QSocketNotifier::activated);
    reader.setEnabled(false);
    writeByte(pair.fds[0]);
    QTest::qWait(50);
    QCOMPARE(readable.size(), 0);
    reader.setEnabled(true);
    QVERIFY(readable.wait(2000));
}

void tst_EpollEventDispatcher::hangUpWakesTheReader()
{
    SocketPair pair;
    QVERIFY(pair.isValid());
    QSocketNotifier reader(pair.fds[1], QSocketNotifier::Read);
    QSignalSpy readable(&reader, &QSocketNotifier::activated);
    ::close(pair.fds[0]);
    pair.fds[0] = -1;
    QVERIFY(readable.wait(2000));
    char byte;
    QCOMPARE(::read(pair.fds[1], &byte, 1), ssize_t(0)); // end of stream
}

void tst_EpollEventDispatcher::notifierDeletedByAnotherInTheSameRound()
{
    // Both descriptors are readable in the same round; whichever handler runs first deletes the
    // other notifier, which must then not be activated (it would be a use after free).
    SocketPair first;
    SocketPair second;
    QVERIFY(first.isValid() && second.isValid());
    QPointer<QSocketNotifier> a = new QSocketNotifier(first.fds[1], QSocketNotifier::Read);
    QPointer<QSocketNotifier> b = new QSocketNotifier(second.fds[1], QSocketNotifier::Read);
    const auto cleanup = qScopeGuard([&] {
        delete a.data();
        delete b.data();
    });
    int activations = 0;
    auto consumeAndDelete = [&](int fd, QSocketNotifier *other) {
        ++activations;
        char byte;
        QCOMPARE(::read(fd, &byte, 1), ssize_t(1));
        delete other;
    };
    connect(a, &QSocketNotifier::activated, this, [&] { consumeAndDelete(first.fds[1], b); });
    connect(b, &QSocketNotifier::activated, this, [&] { consumeAndDelete(second.fds[1], a); });
    writeByte(first.fds[0]);
    writeByte(second.fds[0]);
    QTRY_COMPARE_WITH_TIMEOUT(activations, 1, 2000);
    QTest::qWait(30);
    QCOMPARE(activations, 1);
    QCOMPARE(int(!a.isNull()) + int(!b.isNull()), 1);
}

void tst_EpollEventDispatcher::reusedDescriptorGetsNoStaleEvent()
{
    // Two readable descriptors; the first handler closes the other one and opens a new socket,
    // which the kernel gives the same number. The other's pending event from this round must not
    // reach the new notifier, whose socket has nothing to read.
    SocketPair first;
    SocketPair second;
    QVERIFY(first.isValid() && second.isValid());
    auto a = std::make_unique<QSocketNotifier>(first.fds[1], QSocketNotifier::Read);
    auto b = std::make_unique<QSocketNotifier>(second.fds[1], QSocketNotifier::Read);
    std::unique_ptr<SocketPair> fresh;
    std::unique_ptr<QSocketNotifier> freshNotifier;
    int freshActivations = 0;
    int firstActivations = 0;
    auto replace = [&](std::unique_ptr<QSocketNotifier> &other, SocketPair &otherPair) {
        ++firstActivations;
        if (fresh)
            return;
        const int number = otherPair.fds[1];
        other.reset();
        otherPair.closeBoth();
        fresh = std::make_unique<SocketPair>();
        // socketpair() takes the lowest free numbers: the one just closed is among them.
        const int reused = fresh->fds[0] == number ? 0 : 1;
        QCOMPARE(fresh->fds[reused], number);
        freshNotifier
            = std::make_unique<QSocketNotifier>(fresh->fds[reused], QSocketNotifier::Read);
        connect(freshNotifier.get(), &QSocketNotifier::activated, this,
                [&] { ++freshActivations; });
    };
    connect(a.get(), &QSocketNotifier::activated, this, [&] { replace(b, second); });
    connect(b.get(), &QSocketNotifier::activated, this, [&] { replace(a, first); });
    writeByte(first.fds[0]);
    writeByte(second.fds[0]);
    QTRY_VERIFY_WITH_TIMEOUT(fresh != nullptr, 2000);
    QTest::qWait(30);
    QCOMPARE(freshActivations, 0);
}

void tst_EpollEventDispatcher::postedEventsRunBeforeWaiting()
{
    bool ran = false;
    QMetaObject::invokeMethod(
        this, [&] { ran = true; }, Qt::QueuedConnection);
    QElapsedTimer elapsed;
    elapsed.start();
    // WaitForMoreEvents with only a posted event pending must not block.
    QAbstractEventDispatcher::instance()->processEvents(QEventLoop::WaitForMoreEvents);
    QVERIFY(ran);
    QVERIFY(elapsed.elapsed() < 1000);
}

void tst_EpollEventDispatcher::otherThreadWakesABlockedLoop()
{
    QThread thread;
    auto *dispatcher = new EpollEventDispatcher;
    QVERIFY(dispatcher->isValid());
    thread.setEventDispatcher(dispatcher);
    thread.start();
    auto *worker = new QObject;
    worker->moveToThread(&thread);
    connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    // The thread's loop has nothing to do: it only runs these because each post wakes it.
    QAtomicInt runs;
    for (int i = 0; i < 1000; ++i)
        QMetaObject::invokeMethod(
            worker, [&runs] { runs.ref(); }, Qt::QueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(runs.loadAcquire(), 1000, 5000);
    QTest::qWait(20);
    QMetaObject::invokeMethod(
        worker, [&runs] { runs.ref(); }, Qt::QueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(runs.loadAcquire(), 1001, 5000);
    QCOMPARE(QAbstractEventDispatcher::instance(&thread), dispatcher);
    thread.quit();
    QVERIFY(thread.wait(5000));
}

void tst_EpollEventDispatcher::quitFromAnotherThreadEndsTheLoop()
{
    QThread thread;
    thread.setEventDispatcher(new EpollEventDispatcher);
    thread.start();
    QTest::qWait(20); // let it block in epoll_wait with no timer at all
    QElapsedTimer elapsed;
    elapsed.start();
    thread.quit();
    QVERIFY(thread.wait(5000));
    QVERIFY(elapsed.elapsed() < 1000);
}

void tst_EpollEventDispatcher::tcpRoundTripInAServerThread()
{
    // A Qt echo server in a thread of its own on this dispatcher, as the chat server runs.
    QThread thread;
    thread.setEventDispatcher(new EpollEventDispatcher);
    auto *server = new QTcpServer;
    QVERIFY(server->listen(QHostAddress::LocalHost, 0));
    const quint16 port = server->serverPort();
    connect(server, &QTcpServer::newConnection, server, [server] {
        while (QTcpSocket *socket = server->nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket,
                    [socket] { socket->write(socket->readAll()); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    server->moveToThread(&thread);
    connect(&thread, &QThread::finished, server, &QObject::deleteLater);
    thread.start();

    constexpr int Clients = 50;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    QByteArray expected;
    for (int i = 0; i < Clients; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, port);
    }
    for (int i = 0; i < Clients; ++i) {
        QVERIFY(clients[i]->waitForConnected(5000));
        clients[i]->write(QByteArray::number(i) + '\n');
    }
    for (int i = 0; i < Clients; ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(clients[i]->bytesAvailable() > 0, true, 5000);
        QCOMPARE(clients[i]->readLine(), QByteArray::number(i) + '\n');
    }
    // A large echo needs the server's write notifier: the kernel buffer cannot take it at once.
    const QByteArray big(4 << 20, 'b');
    clients[0]->write(big);
    QByteArray echoed;
    QTRY_VERIFY_WITH_TIMEOUT((echoed += clients[0]->readAll()).size() == big.size(), 10000);
    QCOMPARE(echoed, big);
    clients.clear();
    thread.quit();
    QVERIFY(thread.wait(5000));
}

int main(int argc, char *argv[])
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    tst_EpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
