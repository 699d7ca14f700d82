// PortMultiplexer driven round by round on the server's own event loop (EpollEventDispatcher
// runs this suite's main thread): with TLS on, a connection's first byte and its deadline can be
// handled in the same round of the loop, and the descriptor must then be closed exactly once, by
// its one owner (issue 17, item 2). Raw client sockets; the multiplexer itself, no ChatServer.
#include "epolleventdispatcher.h"
#include "portmultiplexer.h"
#include "tlsidentity.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

using namespace Qt::StringLiterals;

namespace {

QStringList warnings;
QtMessageHandler previousHandler = nullptr;

void recordWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type >= QtWarningMsg)
        warnings.append(message);
    previousHandler(type, context, message);
}

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    ::fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

// True once the server closed the connection (end of stream or reset).
bool isClosedByServer(int fd)
{
    char buffer[256];
    for (;;) {
        const ssize_t received = ::recv(fd, buffer, sizeof buffer, 0);
        if (received == 0)
            return true;
        if (received < 0)
            return errno != EAGAIN && errno != EWOULDBLOCK;
    }
}

} // namespace

class tst_PortMultiplexer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void tlsFirstBytesAtTheDeadline();

private:
    QTemporaryDir m_dir;
    TlsIdentity m_identity;
};

void tst_PortMultiplexer::initTestCase()
{
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
    m_identity = TlsIdentity::loadOrGenerate(m_dir.filePath(u"tls"_s));
    QVERIFY2(m_identity.isValid(), qPrintable(m_identity.errorString()));
    previousHandler = qInstallMessageHandler(recordWarnings);
}

void tst_PortMultiplexer::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
}

// Each round: connections accepted, the loop held until their deadline has passed, then the
// first bytes sent and one round of the loop run, so that the first byte and the deadline of
// many connections are handled together; then new descriptors (/dev/null) take the lowest free
// numbers. No descriptor may be closed twice: every /dev/null stays open, and the event loop
// never finds a descriptor closed behind its back.
void tst_PortMultiplexer::tlsFirstBytesAtTheDeadline()
{
    constexpr int Rounds = 12;
    constexpr int Connections = 48;
    // Long enough for a round's connections to be accepted before the first deadline, also on a
    // loaded machine.
    constexpr int DeadlineMs = 250;
    struct stat devNull
    {
    };
    QCOMPARE(::stat("/dev/null", &devNull), 0);
    warnings.clear();

    for (int round = 0; round < Rounds; ++round) {
        PortMultiplexer multiplexer;
        multiplexer.setTlsConfiguration(m_identity.serverConfiguration());
        HttpConnection::Limits limits;
        limits.requestTimeoutMs = DeadlineMs;
        multiplexer.setLimits(limits, 0, 0);
        QVERIFY(multiplexer.open(QHostAddress::LocalHost, 0));

        std::vector<int> clients;
        for (int i = 0; i < Connections; ++i) {
            clients.push_back(connectTo(multiplexer.serverPort()));
            QVERIFY(clients.back() >= 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(multiplexer.undecidedCount(), Connections, 5000);

        // Hold the loop until every deadline is due, then make every first byte due as well.
        // (This sleep lines the two events up; nothing waits on it for synchronisation.)
        QThread::msleep(DeadlineMs + 5);
        for (int i = 0; i < Connections; ++i) {
            // A quarter never sends anything: their deadline alone is due.
            if (i % 4 != 3)
                QCOMPARE(::send(clients[size_t(i)], "\x16", 1, MSG_NOSIGNAL), ssize_t(1));
        }
        QCoreApplication::processEvents(); // one round: ready descriptors first, then timers

        std::vector<int> nulls;
        for (int i = 0; i < Connections; ++i)
            nulls.push_back(::open("/dev/null", O_RDONLY | O_CLOEXEC));

        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.cbegin(), clients.cend(), isClosedByServer),
                                 5000);
        QTRY_COMPARE_WITH_TIMEOUT(multiplexer.undecidedCount(), 0, 5000);
        QCoreApplication::processEvents(); // deferred deletes
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        for (const int fd : nulls) {
            struct stat status
            {
            };
            QVERIFY2(::fstat(fd, &status) == 0,
                     qPrintable(u"round %1: descriptor %2 (/dev/null) was closed by the server"_s
                                    .arg(round)
                                    .arg(fd)));
            QVERIFY2(
                S_ISCHR(status.st_mode) && status.st_rdev == devNull.st_rdev,
                qPrintable(u"round %1: descriptor %2 is no longer /dev/null"_s.arg(round).arg(fd)));
            ::close(fd);
        }
        for (const int fd : clients)
            ::close(fd);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
    }
}

int main(int argc, char *argv[])
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    tst_PortMultiplexer test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_portmultiplexer.moc"
