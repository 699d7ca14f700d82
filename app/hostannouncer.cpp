#include "hostannouncer.h"

#include "avahiconstants.h"
#include "avahipublisher.h"
#include "localnetworks.h"
#include "protocol.h"
#include "servercontroller.h"
#include "servicetxt.h"

HostAnnouncer::HostAnnouncer(ServerController *controller, AvahiPublisher *publisher, bool enabled,
                             QObject *parent)
    : QObject(parent), m_controller(controller), m_publisher(publisher), m_enabled(enabled)
{
    connect(controller, &ServerController::stateChanged, this, &HostAnnouncer::update);
    connect(controller, &ServerController::started, this, &HostAnnouncer::update);
    update();
}

HostAnnouncer::~HostAnnouncer() = default;

void HostAnnouncer::setEnabled(bool enabled)
{
    m_enabled = enabled;
    update();
}

ServiceAnnouncement HostAnnouncer::announcementFor(const ServerStatus &status)
{
    ServiceAnnouncement announcement;
    announcement.name = status.serverName;
    announcement.port = status.port;
    announcement.tls = status.tls;
    announcement.fingerprint = status.certificateFingerprint;
    announcement.version = Protocol::Version;
    announcement.interfaceIndex = LocalNetworks::current().interfaceIndexFor(status.bindAddress);
    if (announcement.interfaceIndex >= 0)
        announcement.protocol = status.bindAddress.protocol() == QAbstractSocket::IPv6Protocol
                                    ? Avahi::ProtocolInet6
                                    : Avahi::ProtocolInet;
    return announcement;
}

void HostAnnouncer::update()
{
    const ServerStatus status = m_controller->status();
    if (m_enabled && m_controller->isRunning() && status.port != 0
        && !status.bindAddress.isLoopback())
        m_publisher->publish(announcementFor(status));
    else
        m_publisher->withdraw();
}
