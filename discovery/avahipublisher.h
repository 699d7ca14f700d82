// Lives in the thread that creates it (the main thread in the app). Announces a hosting LanChat
// through the system's mDNS responder, Avahi, over D-Bus (docs/PROTOCOL.md, "DNS-SD"): one
// EntryGroup with `_lanchat._tcp` (TXT from ServiceTxt) and `_http._tcp` (path=/) under the
// server's name. Every D-Bus call is asynchronous, so the thread never waits for the bus. It
// follows the daemon: publishes again when avahi-daemon (re)appears on the bus or returns to
// running after a host name conflict, takes Avahi's alternative name ("Name #2") when another
// host announces the same name, and withdraws (freeing the group, which sends goodbyes) on
// withdraw() and when destroyed.
#pragma once

#include "servicetxt.h"

#include <QDBusConnection>
#include <QObject>

class QDBusMessage;
class QDBusPendingCall;
class QDBusServiceWatcher;

class AvahiPublisher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AvahiPublisher)

public:
    enum class State {
        Off, // nothing to announce (withdrawn, or never asked)
        Unavailable, // no system bus or no avahi-daemon on it; problem() says which
        Registering, // waiting for the daemon or for the name's probing
        Established, // visible on the network as publishedName()
        Failed, // the daemon refused; problem() says why
    };
    Q_ENUM(State)

    // Uses the D-Bus system bus (DBUS_SYSTEM_BUS_ADDRESS, else the standard socket).
    explicit AvahiPublisher(QObject *parent = nullptr);
    explicit AvahiPublisher(const QDBusConnection &bus, QObject *parent = nullptr);
    ~AvahiPublisher() override;

    // Announces (or re-announces, when anything changed) the service.
    void publish(const ServiceAnnouncement &announcement);
    void withdraw();

    State state() const { return m_state; }
    QString problem() const { return m_problem; }
    // The name the service has on the network: the requested one, or Avahi's alternative.
    QString publishedName() const { return m_name; }
    ServiceAnnouncement announcement() const { return m_announcement; }

signals:
    void stateChanged(AvahiPublisher::State state);

private slots:
    void onServerStateChanged(int state, const QString &error);
    void onGroupStateChanged(int state, const QString &error, const QDBusMessage &message);

private:
    void onDaemonOwnerChanged(const QString &newOwner);
    void start();
    void createGroup();
    void addServices();
    void takeAlternativeName();
    void freeGroup();
    void failWith(const QString &error);
    void setState(State state, const QString &problem = QString());
    QDBusMessage serverCall(const char *method) const;
    QDBusMessage groupCall(const char *method) const;
    // Runs handler(reply) when the call finishes, unless a newer attempt started meanwhile.
    template<typename Handler>
    void onReply(const QDBusPendingCall &call, Handler &&handler);

    QDBusConnection m_bus;
    QDBusServiceWatcher *m_watcher = nullptr;
    bool m_wanted = false;
    ServiceAnnouncement m_announcement;
    QString m_name;
    QString m_groupPath;
    bool m_groupFilled = false; // services added to the group since its last reset
    bool m_groupRequested = false; // EntryGroupNew sent, no answer yet
    quint64 m_attempt = 0;
    State m_state = State::Off;
    QString m_problem;
};
