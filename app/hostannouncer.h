// Main thread. Ties announcing to the server's life: while the ServerController runs, the
// AvahiPublisher announces its name, port and TLS fingerprint (never the token) where it listens;
// when the server stops (or announcing is turned off) the announcement is withdrawn. A server
// bound to a loopback address is not announced: nobody else could reach it.
#pragma once

#include <QObject>

class AvahiPublisher;
class ServerController;
struct ServerStatus;
struct ServiceAnnouncement;

class HostAnnouncer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostAnnouncer)

public:
    HostAnnouncer(ServerController *controller, AvahiPublisher *publisher, bool enabled,
                  QObject *parent = nullptr);
    ~HostAnnouncer() override;

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);

    static ServiceAnnouncement announcementFor(const ServerStatus &status);

private:
    void update();

    ServerController *m_controller;
    AvahiPublisher *m_publisher;
    bool m_enabled;
};
