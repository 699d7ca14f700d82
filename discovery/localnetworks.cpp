#include "localnetworks.h"

#include <QNetworkInterface>
#include <QSet>

namespace {
bool isWildcard(const QHostAddress &address)
{
    return address == QHostAddress::Any || address == QHostAddress::AnyIPv4
           || address == QHostAddress::AnyIPv6 || address.isNull();
}

bool isUsableIPv4(const QHostAddress &ip)
{
    return ip.protocol() == QAbstractSocket::IPv4Protocol && !ip.isLoopback() && !ip.isLinkLocal()
           && !ip.isMulticast() && !ip.isBroadcast();
}
} // namespace

bool LocalNetworks::Subnet::operator==(const Subnet &other) const
{
    return network == other.network && prefixLength == other.prefixLength;
}

LocalNetworks LocalNetworks::current()
{
    QList<Interface> result;
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &system : interfaces) {
        Interface interface;
        interface.name = system.name();
        interface.index = system.index();
        interface.up = system.flags().testFlag(QNetworkInterface::IsUp)
                       && system.flags().testFlag(QNetworkInterface::IsRunning);
        interface.loopback = system.flags().testFlag(QNetworkInterface::IsLoopBack);
        const QList<QNetworkAddressEntry> entries = system.addressEntries();
        for (const QNetworkAddressEntry &entry : entries)
            interface.addresses.append({entry.ip(), entry.prefixLength()});
        result.append(interface);
    }
    return LocalNetworks(result);
}

QList<LocalNetworks::Subnet> LocalNetworks::scanSubnets() const
{
    QList<Subnet> subnets;
    for (const Interface &interface : m_interfaces) {
        if (!interface.up || interface.loopback)
            continue;
        for (const Address &address : interface.addresses) {
            // A /31 or /32 (point-to-point links, many VPNs) has no neighbours to find.
            if (!isUsableIPv4(address.ip) || address.prefixLength < 0 || address.prefixLength > 30)
                continue;
            const int prefix = std::max(address.prefixLength, MinScanPrefixLength);
            const quint32 mask = quint32(0xffffffffULL << (32 - prefix));
            const Subnet subnet {QHostAddress(address.ip.toIPv4Address() & mask), prefix,
                                 interface.name};
            if (!subnets.contains(subnet))
                subnets.append(subnet);
        }
    }
    return subnets;
}

QList<QHostAddress> LocalNetworks::scanTargets() const
{
    QSet<quint32> own;
    for (const Interface &interface : m_interfaces)
        for (const Address &address : interface.addresses)
            if (address.ip.protocol() == QAbstractSocket::IPv4Protocol)
                own.insert(address.ip.toIPv4Address());
    QList<QHostAddress> targets;
    QSet<quint32> added;
    const QList<Subnet> subnets = scanSubnets();
    for (const Subnet &subnet : subnets) {
        const quint32 first = subnet.network.toIPv4Address();
        const quint32 count = quint32(1) << (32 - subnet.prefixLength);
        // Without the network and broadcast addresses.
        for (quint32 host = 1; host + 1 < count; ++host) {
            const quint32 ip = first + host;
            if (own.contains(ip) || added.contains(ip))
                continue;
            const QHostAddress address(ip);
            if (!isUsableIPv4(address))
                continue;
            added.insert(ip);
            targets.append(address);
        }
    }
    return targets;
}

QList<QHostAddress> LocalNetworks::reachableAddresses(const QHostAddress &bound) const
{
    if (!isWildcard(bound))
        return {bound};
    QList<QHostAddress> ipv4;
    QList<QHostAddress> ipv6;
    for (const Interface &interface : m_interfaces) {
        if (!interface.up || interface.loopback)
            continue;
        for (const Address &address : interface.addresses) {
            const QHostAddress &ip = address.ip;
            if (ip.isLoopback() || ip.isLinkLocal() || ip.isNull())
                continue;
            if (ip.protocol() == QAbstractSocket::IPv4Protocol) {
                if (bound != QHostAddress::AnyIPv6 && !ipv4.contains(ip))
                    ipv4.append(ip);
            } else if (bound != QHostAddress::AnyIPv4 && !ipv6.contains(ip)) {
                QHostAddress plain = ip;
                plain.setScopeId(QString());
                ipv6.append(plain);
            }
        }
    }
    return ipv4 + ipv6;
}

int LocalNetworks::interfaceIndexFor(const QHostAddress &bound) const
{
    if (isWildcard(bound))
        return -1;
    for (const Interface &interface : m_interfaces)
        for (const Address &address : interface.addresses)
            if (address.ip.isEqual(bound, QHostAddress::TolerantConversion))
                return interface.index;
    return -1;
}
