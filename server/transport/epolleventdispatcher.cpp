#include "epolleventdispatcher.h"

#include "logging.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>
#include <vector>

namespace {

constexpr quint64 WakeUpMarker = ~quint64(0);
// Events taken from the kernel per wait; more stay queued there for the next round.
constexpr int MaxEventsPerWait = 256;

constexpr quint32 interestFor(int type)
{
    switch (type) {
    case QSocketNotifier::Read:
        return EPOLLIN;
    case QSocketNotifier::Write:
        return EPOLLOUT;
    default:
        return EPOLLPRI;
    }
}

// What Qt's poll()-based dispatcher activates for each kind of readiness: a hang-up wakes the
// reader (which then sees the end of the stream), an error wakes reader and writer.
bool firesFor(int type, quint32 events)
{
    switch (type) {
    case QSocketNotifier::Read:
        return events & (EPOLLIN | EPOLLHUP | EPOLLERR);
    case QSocketNotifier::Write:
        return events & (EPOLLOUT | EPOLLERR);
    default:
        return events & EPOLLPRI;
    }
}

int ceilMilliseconds(std::chrono::steady_clock::duration d)
{
    using namespace std::chrono;
    if (d <= d.zero())
        return 0;
    const auto ms = ceil<milliseconds>(d).count();
    return ms > INT_MAX ? INT_MAX : int(ms);
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent) : QAbstractEventDispatcher(parent)
{
    m_epollFd = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epollFd < 0 || m_wakeFd < 0) {
        qCWarning(lcServer, "epoll event dispatcher unavailable: %s", strerror(errno));
        return;
    }
    epoll_event event {};
    event.events = EPOLLIN;
    event.data.u64 = WakeUpMarker;
    if (epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_wakeFd, &event) != 0) {
        qCWarning(lcServer, "epoll event dispatcher unavailable: %s", strerror(errno));
        ::close(m_wakeFd);
        m_wakeFd = -1;
    }
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epollFd >= 0)
        ::close(m_epollFd);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    // The same sequence as Qt's own dispatchers, so QEventLoop, QThread and
    // QCoreApplication::processEvents() behave as they do everywhere else.
    m_interrupted.storeRelaxed(0);
    emit awake();
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupted.loadRelaxed();
    if (canWait)
        emit aboutToBlock();
    if (m_interrupted.loadRelaxed())
        return false;

    const int timeoutMs = waitMilliseconds(canWait, includeTimers);
    int activated = 0;
    if (includeNotifiers) {
        // On the stack: a handler may run a nested event loop that waits again.
        std::array<epoll_event, MaxEventsPerWait> ready;
        int count = epoll_wait(m_epollFd, ready.data(), MaxEventsPerWait, timeoutMs);
        if (count < 0) {
            if (errno != EINTR)
                qCWarning(lcServer, "epoll_wait failed: %s", strerror(errno));
            count = 0;
        }
        activated += activateSocketNotifiers(ready.data(), count);
    } else if (waitForWakeUpOnly(timeoutMs)) {
        ++activated;
    }
    if (includeTimers)
        activated += activateTimers();
    return activated > 0;
}

int EpollEventDispatcher::activateSocketNotifiers(const epoll_event *ready, int count)
{
    int activated = 0;
    for (int i = 0; i < count; ++i) {
        const quint64 data = ready[i].data.u64;
        if (data == WakeUpMarker) {
            drainWakeUp();
            ++activated;
            continue;
        }
        const int fd = int(data & 0xffffffffu);
        const quint32 generation = quint32(data >> 32);
        for (int type :
             {QSocketNotifier::Read, QSocketNotifier::Write, QSocketNotifier::Exception}) {
            if (!firesFor(type, ready[i].events))
                continue;
            // Looked up again for every notifier: the previous handler may have closed this
            // descriptor, disabled a notifier or deleted it.
            const auto watch = m_watches.constFind(fd);
            if (watch == m_watches.cend() || watch->generation != generation)
                break;
            QSocketNotifier *notifier = watch->notifiers[type];
            if (!notifier)
                continue;
            QEvent event(QEvent::SockAct);
            QCoreApplication::sendEvent(notifier, &event);
            ++activated;
        }
    }
    return activated;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    if (fd < 0 || type < 0 || type > 2)
        return;
    auto watch = m_watches.find(fd);
    if (watch == m_watches.end()) {
        watch = m_watches.insert(fd, Watch {});
        watch->generation = m_nextGeneration++;
    }
    if (watch->notifiers[type] && watch->notifiers[type] != notifier)
        qCWarning(lcServer, "Several socket notifiers of one type on descriptor %d", fd);
    watch->notifiers[type] = notifier;
    updateInterest(fd, *watch);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    const auto watch = m_watches.find(fd);
    if (watch == m_watches.end() || type < 0 || type > 2 || watch->notifiers[type] != notifier)
        return;
    watch->notifiers[type] = nullptr;
    updateInterest(fd, *watch);
    if (!watch->events)
        m_watches.erase(watch);
}

void EpollEventDispatcher::updateInterest(int fd, Watch &watch)
{
    quint32 wanted = 0;
    for (int type = 0; type < 3; ++type) {
        if (watch.notifiers[type])
            wanted |= interestFor(type);
    }
    if (wanted == watch.events)
        return;
    epoll_event event {};
    event.events = wanted;
    event.data.u64 = (quint64(watch.generation) << 32) | quint32(fd);
    int result = 0;
    if (!wanted) {
        // EBADF/ENOENT: the descriptor was closed before its notifier let go; the kernel already
        // forgot it.
        result = epoll_ctl(m_epollFd, EPOLL_CTL_DEL, fd, &event);
        if (result != 0 && (errno == EBADF || errno == ENOENT))
            result = 0;
    } else if (!watch.events) {
        result = epoll_ctl(m_epollFd, EPOLL_CTL_ADD, fd, &event);
        if (result != 0 && errno == EEXIST)
            result = epoll_ctl(m_epollFd, EPOLL_CTL_MOD, fd, &event);
    } else {
        result = epoll_ctl(m_epollFd, EPOLL_CTL_MOD, fd, &event);
    }
    if (result != 0)
        qCWarning(lcServer, "epoll_ctl on descriptor %d failed: %s", fd, strerror(errno));
    watch.events = wanted;
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    if (timerId < 1 || interval < 0 || !object)
        return;
    Timer &timer = m_timers[timerId];
    timer.object = object;
    timer.intervalMs = interval;
    timer.type = timerType;
    timer.inEvent = false;
    schedule(timerId, timer, Clock::now() + std::chrono::milliseconds(interval));
}

void EpollEventDispatcher::schedule(int timerId, Timer &timer, Clock::time_point deadline)
{
    m_deadlines.erase({timer.deadline, timerId});
    timer.deadline = deadline;
    m_deadlines.insert({deadline, timerId});
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto timer = m_timers.find(timerId);
    if (timer == m_timers.end())
        return false;
    m_deadlines.erase({timer->deadline, timerId});
    m_timers.erase(timer);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool found = false;
    for (auto timer = m_timers.begin(); timer != m_timers.end();) {
        if (timer->object == object) {
            m_deadlines.erase({timer->deadline, timer.key()});
            timer = m_timers.erase(timer);
            found = true;
        } else {
            ++timer;
        }
    }
    return found;
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    for (auto timer = m_timers.cbegin(); timer != m_timers.cend(); ++timer) {
        if (timer->object == object)
            timers.append(TimerInfo(timer.key(), int(timer->intervalMs), timer->type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto timer = m_timers.constFind(timerId);
    if (timer == m_timers.cend())
        return -1;
    return ceilMilliseconds(timer->deadline - Clock::now());
}

int EpollEventDispatcher::waitMilliseconds(bool canWait, bool includeTimers) const
{
    if (!canWait)
        return 0;
    if (!includeTimers)
        return -1;
    // A timer whose handler is still running (a nested loop) does not count: it would spin.
    for (const auto &[deadline, timerId] : m_deadlines) {
        if (!m_timers.value(timerId).inEvent)
            return ceilMilliseconds(deadline - Clock::now());
    }
    return -1;
}

int EpollEventDispatcher::activateTimers()
{
    if (m_deadlines.empty())
        return 0;
    const Clock::time_point now = Clock::now();
    if (m_deadlines.begin()->first > now)
        return 0;
    // Each timer due now fires at most once per round, so a 0 ms timer cannot starve sockets.
    // A local list: a handler may run a nested event loop that activates timers itself.
    std::vector<int> due;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end() && it->first <= now; ++it)
        due.push_back(it->second);

    int activated = 0;
    for (int timerId : due) {
        auto timer = m_timers.find(timerId);
        // Gone, restarted by an earlier handler, or still inside its own event.
        if (timer == m_timers.end() || timer->deadline > now || timer->inEvent)
            continue;
        // Like Qt: the next deadline keeps the cadence, unless the loop fell a whole interval
        // behind, in which case missed ticks are dropped rather than fired in a burst.
        const auto interval = std::chrono::milliseconds(timer->intervalMs);
        Clock::time_point next = timer->deadline + interval;
        if (next < now)
            next = now + interval;
        schedule(timerId, *timer, next);
        timer->inEvent = true;
        QObject *object = timer->object;
        QTimerEvent event(timerId);
        QCoreApplication::sendEvent(object, &event);
        ++activated;
        timer = m_timers.find(timerId);
        if (timer != m_timers.end())
            timer->inEvent = false;
    }
    return activated;
}

void EpollEventDispatcher::wakeUp()
{
    // One write per batch of posted events: the flag is cleared just before they are sent.
    if (m_wakeUpPending.testAndSetAcquire(0, 1)) {
        const eventfd_t one = 1;
        while (::write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) { }
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.storeRelaxed(1);
    wakeUp();
}

void EpollEventDispatcher::drainWakeUp()
{
    eventfd_t value = 0;
    while (::read(m_wakeFd, &value, sizeof value) < 0 && errno == EINTR) { }
    m_wakeUpPending.storeRelease(0);
}

bool EpollEventDispatcher::waitForWakeUpOnly(int timeoutMs)
{
    pollfd wake {m_wakeFd, POLLIN, 0};
    if (::poll(&wake, 1, timeoutMs) > 0 && (wake.revents & POLLIN)) {
        drainWakeUp();
        return true;
    }
    return false;
}

#include "moc_epolleventdispatcher.cpp"
