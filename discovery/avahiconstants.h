// Any thread (constants). The parts of Avahi's D-Bus API (avahi-common/defs.h and the
// introspection files in /usr/share/dbus-1/interfaces/) that AvahiPublisher and AvahiBrowser use.
#pragma once

#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusServiceWatcher>
#include <QString>

#include <utility>

namespace Avahi {
constexpr auto Service = "org.freedesktop.Avahi";
constexpr auto ServerPath = "/";
constexpr auto ServerInterface = "org.freedesktop.Avahi.Server";
// Avahi 0.8's second server interface: the *Prepare methods create a browser or resolver
// without starting it, so that its signals cannot be missed (Start starts it).
constexpr auto Server2Interface = "org.freedesktop.Avahi.Server2";
constexpr auto EntryGroupInterface = "org.freedesktop.Avahi.EntryGroup";
constexpr auto ServiceBrowserInterface = "org.freedesktop.Avahi.ServiceBrowser";
constexpr auto ServiceResolverInterface = "org.freedesktop.Avahi.ServiceResolver";

constexpr int InterfaceUnspecified = -1;
constexpr int ProtocolUnspecified = -1;
constexpr int ProtocolInet = 0;
constexpr int ProtocolInet6 = 1;

// AvahiServerState
enum ServerState {
    ServerInvalid = 0,
    ServerRegistering,
    ServerRunning,
    ServerCollision,
    ServerFailure
};
// AvahiEntryGroupState
enum GroupState {
    GroupUncommitted = 0,
    GroupRegistering,
    GroupEstablished,
    GroupCollision,
    GroupFailure
};

// The D-Bus error of AddService when this daemon already publishes the name.
constexpr auto CollisionError = "org.freedesktop.Avahi.CollisionError";

inline QString name(const char *text)
{
    return QString::fromLatin1(text);
}

// Calls onOwnerChanged(newOwner) whenever avahi-daemon appears on, leaves or comes back to the bus
// (an empty owner: it is gone). The watcher is a child of context.
template<typename Function>
QDBusServiceWatcher *watchDaemon(const QDBusConnection &bus, QObject *context,
                                 Function &&onOwnerChanged)
{
    auto *watcher = new QDBusServiceWatcher(name(Service), bus,
                                            QDBusServiceWatcher::WatchForOwnerChange, context);
    QObject::connect(watcher, &QDBusServiceWatcher::serviceOwnerChanged, context,
                     [onOwnerChanged = std::forward<Function>(onOwnerChanged)](
                         const QString &, const QString &, const QString &newOwner) {
                         onOwnerChanged(newOwner);
                     });
    return watcher;
}

// Runs handler(reply) when the asynchronous call is answered, if isCurrent() still holds then
// (answers to an attempt that a newer one replaced are dropped).
template<typename Current, typename Handler>
void whenAnswered(QObject *context, const QDBusPendingCall &call, Current &&isCurrent,
                  Handler &&handler)
{
    auto *watcher = new QDBusPendingCallWatcher(call, context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                     [watcher, isCurrent = std::forward<Current>(isCurrent),
                      handler = std::forward<Handler>(handler)] {
                         watcher->deleteLater();
                         if (isCurrent())
                             handler(watcher->reply());
                     });
}

// The bus has no avahi-daemon (none installed, or it is not running and cannot be started).
inline bool isDaemonMissing(const QDBusError &error)
{
    return error.type() == QDBusError::ServiceUnknown || error.type() == QDBusError::Disconnected
           || error.type() == QDBusError::NoServer
           || error.name() == QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner");
}
} // namespace Avahi
