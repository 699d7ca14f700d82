// Lives in the server thread (ServerController installs it there before the thread starts); only
// wakeUp() and interrupt() may be called from other threads.
//
// An event dispatcher built on Linux epoll. Qt 6.4's own dispatchers (glib and the Unix one) hand
// every registered descriptor to poll() on each wake-up of the loop, so a server holding 10,000
// idle WebSocket clients paid for all 10,000 whenever a single keepalive pong arrived. Here the
// kernel keeps the interest set and a wake-up costs what is ready, not what is open.
// Timers are kept ordered by deadline, so many timers cost O(log n) per start and stop.
// All timer types are served alike: never before their deadline, and as soon after it as the
// loop gets to them (epoll_wait's timeout is in milliseconds, rounded up). Coarse timers are not
// moved to shared slots as Qt does; with a handful of timers on this thread that gains nothing.
#pragma once

#include <QAbstractEventDispatcher>
#include <QAtomicInt>
#include <QHash>

#include <sys/epoll.h>

#include <chrono>
#include <set>

class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EpollEventDispatcher)

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    // False when the kernel refused epoll or eventfd (then Qt's default dispatcher must be used).
    bool isValid() const { return m_epollFd >= 0 && m_wakeFd >= 0; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    using Clock = std::chrono::steady_clock;

    // The notifiers of one descriptor. generation tells events of a closed descriptor apart from
    // those of a new one that got the same number within one batch of events.
    struct Watch
    {
        QSocketNotifier *notifiers[3] = {}; // indexed by QSocketNotifier::Type
        quint32 generation = 0;
        quint32 events = 0; // the epoll interest set last given to the kernel
    };

    struct Timer
    {
        QObject *object = nullptr;
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        Clock::time_point deadline;
        bool inEvent = false; // a timer is never re-entered from a nested event loop
    };

    void updateInterest(int fd, Watch &watch);
    int activateSocketNotifiers(const epoll_event *ready, int count);
    int activateTimers();
    int waitMilliseconds(bool canWait, bool includeTimers) const;
    bool waitForWakeUpOnly(int timeoutMs);
    void drainWakeUp();
    void schedule(int timerId, Timer &timer, Clock::time_point deadline);

    int m_epollFd = -1;
    int m_wakeFd = -1;
    QAtomicInt m_wakeUpPending;
    QAtomicInt m_interrupted;
    QHash<int, Watch> m_watches;
    quint32 m_nextGeneration = 1;

    QHash<int, Timer> m_timers;
    std::set<std::pair<Clock::time_point, int>> m_deadlines; // (deadline, timer id)
};
