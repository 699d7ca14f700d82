#include "lingeringclose.h"

#include "descriptorlimit.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QPointer>
#include <QSocketNotifier>
#include <QSslSocket>
#include <QTimer>
#include <QWebSocket>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <functional>

namespace {

// One connection's lingering, on its own duplicate of the descriptor. Deletes itself when done.
class Linger final : public QObject
{
public:
    Linger(int descriptor, std::function<void()> onEnd, QObject *parent)
        : QObject(parent), m_descriptor(descriptor), m_onEnd(std::move(onEnd))
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &Linger::checkTime);
    }

    ~Linger() override
    {
        delete m_notifier; // before the descriptor it watches is closed
        if (m_descriptor >= 0)
            ::close(m_descriptor);
        m_onEnd();
    }

    // Qt has let go of the socket: everything it had to send is written (or given up on).
    void start()
    {
        if (m_started)
            return;
        m_started = true;
        ::shutdown(m_descriptor, SHUT_WR);
        m_deadline.setRemainingTime(LingeringClose::DeadlineMs);
        m_sinceInput.start();
        m_notifier = new QSocketNotifier(qintptr(m_descriptor), QSocketNotifier::Read);
        connect(m_notifier, &QSocketNotifier::activated, this, &Linger::drop);
        m_timer.start(LingeringClose::QuietMs);
        drop();
    }

private:
    void drop()
    {
        static char sink[64 * 1024];
        qint64 dropped = 0;
        while (dropped < LingeringClose::DropPerEvent) {
            const ssize_t got = ::recv(m_descriptor, sink, sizeof sink, MSG_DONTWAIT);
            if (got > 0) {
                dropped += got;
                continue;
            }
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                break;
            end(); // the peer closed (0) or the connection failed
            return;
        }
        if (dropped > 0)
            m_sinceInput.start();
    }

    void checkTime()
    {
        const qint64 quietFor = m_sinceInput.elapsed();
        if (quietFor >= LingeringClose::QuietMs || m_deadline.hasExpired()) {
            end();
            return;
        }
        m_timer.start(
            int(std::min<qint64>(LingeringClose::QuietMs - quietFor, m_deadline.remainingTime())));
    }

    void end()
    {
        if (m_notifier)
            m_notifier->setEnabled(false);
        m_timer.stop();
        deleteLater();
    }

    int m_descriptor;
    std::function<void()> m_onEnd;
    bool m_started = false;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_timer;
    QDeadlineTimer m_deadline;
    QElapsedTimer m_sinceInput;
};

} // namespace

LingeringClose::LingeringClose(QObject *parent) : QObject(parent) { }

LingeringClose::~LingeringClose()
{
    // The lingering connections end here, while this object is whole: their end callbacks count
    // down m_lingering (QObject would delete them only after this destructor).
    qDeleteAll(findChildren<QObject *>(QString(), Qt::FindDirectChildrenOnly));
}

void LingeringClose::watch(QWebSocket *socket, QTcpSocket *transport)
{
    // aboutToClose comes after the close frame was handed to the transport, before Qt closes it.
    connect(socket, &QWebSocket::aboutToClose, this,
            [this, guarded = QPointer<QTcpSocket>(transport)] {
                if (guarded)
                    begin(guarded);
            });
}

void LingeringClose::begin(QTcpSocket *transport)
{
    const qintptr descriptor = transport->socketDescriptor();
    if (descriptor < 0 || m_lingering >= MaxLingering)
        return;
    const int duplicate = ::fcntl(int(descriptor), F_DUPFD_CLOEXEC, 0);
    if (duplicate < 0)
        return; // out of descriptors: the close stands as Qt makes it
    // Descriptors are numbered lowest free first, so a number beyond the connections' budget
    // means the table is nearly full: the rest is kept for the database and the event loop, and
    // lingering must not take it from them.
    if (duplicate >= DescriptorLimit::connectionBudget(DescriptorLimit::raiseToHardLimit().now)) {
        ::close(duplicate);
        return;
    }
    ++m_lingering;
    // QSslSocket::close(), which QWebSocket calls next, ends the TLS session without close_notify
    // (strict clients such as OpenSSL 3 report that as an error); its disconnectFromHost() sends
    // it.
    if (auto *tls = qobject_cast<QSslSocket *>(transport); tls && tls->isEncrypted())
        tls->disconnectFromHost();
    auto *linger = new Linger(
        duplicate, [this] { --m_lingering; }, this);
    // Qt may still be writing (its close waits for the output); the write side is shut down
    // once it is done, or when the socket object goes.
    connect(transport, &QAbstractSocket::disconnected, linger, &Linger::start);
    connect(transport, &QObject::destroyed, linger, &Linger::start);
    if (transport->state() == QAbstractSocket::UnconnectedState)
        linger->start();
}

#include "moc_lingeringclose.cpp"
