// Any thread (constants). The parts of Avahi's D-Bus API (avahi-common/defs.h and the
// introspection files in /usr/share/dbus-1/interfaces/) that AvahiPublisher and AvahiBrowser use.
#pragma once

#include <QDBusError>
#include <QString>

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

// The bus has no avahi-daemon (none installed, or it is not running and cannot be started).
inline bool isDaemonMissing(const QDBusError &error)
{
    return error.type() == QDBusError::ServiceUnknown || error.type() == QDBusError::Disconnected
           || error.type() == QDBusError::NoServer
           || error.name() == QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner");
}
} // namespace Avahi
