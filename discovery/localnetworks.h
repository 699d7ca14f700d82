// Any thread (a value type; current() reads the system's interfaces). This machine's networks as
// the network scan and the invite see them: which IPv4 addresses to probe (each up, non-loopback
// interface's subnets, never link-local, at most a /22 around the own address), and which
// addresses others can reach this machine at. Pure given the list of interfaces, so that tests
// describe any machine.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>

class LocalNetworks final
{
public:
    // The widest subnet the scan probes: a /22 is 1,022 addresses.
    static constexpr int MinScanPrefixLength = 22;

    struct Address
    {
        QHostAddress ip;
        int prefixLength = -1;
    };
    struct Interface
    {
        QString name;
        int index = 0;
        bool up = false; // up and running
        bool loopback = false;
        QList<Address> addresses;
    };
    struct Subnet
    {
        QHostAddress network; // the first address of the subnet
        int prefixLength = 0;
        QString interfaceName;
        bool operator==(const Subnet &other) const;
    };

    LocalNetworks() = default;
    explicit LocalNetworks(const QList<Interface> &interfaces) : m_interfaces(interfaces) { }
    static LocalNetworks current();

    QList<Interface> interfaces() const { return m_interfaces; }
    // The IPv4 subnets to scan, each at most a /22 (the /22 that holds the interface's own
    // address when its network is wider), without duplicates.
    QList<Subnet> scanSubnets() const;
    // Every address of those subnets except the network and broadcast addresses and this
    // machine's own addresses, in order.
    QList<QHostAddress> scanTargets() const;
    // Where others can reach a server bound to `bound`: that address, or for a wildcard every
    // non-loopback, non-link-local address of the up interfaces, IPv4 first.
    QList<QHostAddress> reachableAddresses(const QHostAddress &bound) const;
    // Avahi's interface index for a server bound to `bound`, -1 for all interfaces.
    int interfaceIndexFor(const QHostAddress &bound) const;

private:
    QList<Interface> m_interfaces;
};
