// The subnets the network scan probes and the addresses the invite shows, from interface lists
// written here (pure: nothing is sent anywhere).
#include "localnetworks.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
using Interface = LocalNetworks::Interface;

Interface interface(const QString &name, int index, QList<LocalNetworks::Address> addresses,
                    bool up = true, bool loopback = false)
{
    Interface result;
    result.name = name;
    result.index = index;
    result.up = up;
    result.loopback = loopback;
    result.addresses = std::move(addresses);
    return result;
}

LocalNetworks::Address address(const char *ip, int prefix)
{
    return {QHostAddress(QString::fromLatin1(ip)), prefix};
}

Interface loopback()
{
    return interface(u"lo"_s, 1, {address("127.0.0.1", 8), address("::1", 128)}, true, true);
}
} // namespace

class tst_LocalNetworks final : public QObject
{
    Q_OBJECT

private slots:
    void slash24();
    void widerNetworksAreCappedAtSlash22();
    void noLoopbackNoLinkLocalNoDownNoPointToPoint();
    void sharedSubnetScannedOnce();
    void ipv6IsNotScanned();
    void reachableAddresses();
    void interfaceIndexForBoundAddress();
    void currentMachineNeverYieldsLoopbackTargets();
};

void tst_LocalNetworks::slash24()
{
    const LocalNetworks networks(
        {loopback(), interface(u"eth0"_s, 2, {address("192.168.1.20", 24)})});
    const QList<LocalNetworks::Subnet> subnets = networks.scanSubnets();
    QCOMPARE(subnets.size(), 1);
    QCOMPARE(subnets.first().network, QHostAddress(u"192.168.1.0"_s));
    QCOMPARE(subnets.first().prefixLength, 24);
    QCOMPARE(subnets.first().interfaceName, u"eth0"_s);
    const QList<QHostAddress> targets = networks.scanTargets();
    // .1 to .254 without the own .20: no network, broadcast or own address.
    QCOMPARE(targets.size(), 253);
    QCOMPARE(targets.first(), QHostAddress(u"192.168.1.1"_s));
    QCOMPARE(targets.last(), QHostAddress(u"192.168.1.254"_s));
    QVERIFY(!targets.contains(QHostAddress(u"192.168.1.20"_s)));
    QVERIFY(!targets.contains(QHostAddress(u"192.168.1.0"_s)));
    QVERIFY(!targets.contains(QHostAddress(u"192.168.1.255"_s)));
}

void tst_LocalNetworks::widerNetworksAreCappedAtSlash22()
{
    // A /16 (65,534 hosts) is scanned as the /22 around the own address: 10.1.4.0 - 10.1.7.255.
    const LocalNetworks networks({interface(u"eth0"_s, 2, {address("10.1.5.77", 16)})});
    const QList<LocalNetworks::Subnet> subnets = networks.scanSubnets();
    QCOMPARE(subnets.size(), 1);
    QCOMPARE(subnets.first().network, QHostAddress(u"10.1.4.0"_s));
    QCOMPARE(subnets.first().prefixLength, LocalNetworks::MinScanPrefixLength);
    const QList<QHostAddress> targets = networks.scanTargets();
    QCOMPARE(targets.size(), 1024 - 2 - 1);
    QCOMPARE(targets.first(), QHostAddress(u"10.1.4.1"_s));
    QCOMPARE(targets.last(), QHostAddress(u"10.1.7.254"_s));
    // Even a /8 stays at 1,021 probes.
    const LocalNetworks wide({interface(u"eth0"_s, 2, {address("10.200.3.4", 8)})});
    QCOMPARE(wide.scanTargets().size(), 1021);
    QCOMPARE(wide.scanSubnets().first().network, QHostAddress(u"10.200.0.0"_s));
    // A /23 is below the cap and scanned whole.
    const LocalNetworks narrow({interface(u"eth0"_s, 2, {address("172.16.3.9", 23)})});
    QCOMPARE(narrow.scanSubnets().first().prefixLength, 23);
    QCOMPARE(narrow.scanTargets().size(), 512 - 2 - 1);
}

void tst_LocalNetworks::noLoopbackNoLinkLocalNoDownNoPointToPoint()
{
    const LocalNetworks networks({
        loopback(),
        // A loopback address on another interface is not scanned either.
        interface(u"dummy0"_s, 3, {address("127.0.5.1", 24)}),
        interface(u"eth0"_s, 2, {address("169.254.10.20", 16)}), // link-local only
        interface(u"wlan0"_s, 4, {address("192.168.7.3", 24)}, false), // down
        interface(u"tun0"_s, 5, {address("10.8.0.6", 32), address("10.9.0.1", 31)}), // VPN
    });
    QVERIFY(networks.scanSubnets().isEmpty());
    QVERIFY(networks.scanTargets().isEmpty());
}

void tst_LocalNetworks::sharedSubnetScannedOnce()
{
    const LocalNetworks networks({
        interface(u"eth0"_s, 2, {address("192.168.1.20", 24)}),
        interface(u"wlan0"_s, 3, {address("192.168.1.21", 24), address("10.0.0.9", 24)}),
    });
    QCOMPARE(networks.scanSubnets().size(), 2);
    const QList<QHostAddress> targets = networks.scanTargets();
    QCOMPARE(targets.size(), 252 + 253); // both own addresses left out of the first /24
    QCOMPARE(QSet<QHostAddress>(targets.cbegin(), targets.cend()).size(), targets.size());
}

void tst_LocalNetworks::ipv6IsNotScanned()
{
    const LocalNetworks networks(
        {interface(u"eth0"_s, 2, {address("fd00::5", 64), address("fe80::1", 64)})});
    QVERIFY(networks.scanTargets().isEmpty());
}

void tst_LocalNetworks::reachableAddresses()
{
    const LocalNetworks networks({
        loopback(),
        interface(u"eth0"_s, 2,
                  {address("fe80::1", 64), address("fd00::5", 64), address("192.168.1.20", 24)}),
        interface(u"eth1"_s, 3, {address("169.254.3.3", 16), address("10.0.0.9", 24)}),
        interface(u"wlan0"_s, 4, {address("192.168.9.9", 24)}, false),
    });
    // IPv4 first, then IPv6; never loopback, link-local or a down interface.
    QCOMPARE(networks.reachableAddresses(QHostAddress::Any),
             (QList<QHostAddress> {QHostAddress(u"192.168.1.20"_s), QHostAddress(u"10.0.0.9"_s),
                                   QHostAddress(u"fd00::5"_s)}));
    QCOMPARE(networks.reachableAddresses(QHostAddress::AnyIPv4),
             (QList<QHostAddress> {QHostAddress(u"192.168.1.20"_s), QHostAddress(u"10.0.0.9"_s)}));
    QCOMPARE(networks.reachableAddresses(QHostAddress(u"10.0.0.9"_s)),
             QList<QHostAddress> {QHostAddress(u"10.0.0.9"_s)});
    QVERIFY(LocalNetworks({loopback()}).reachableAddresses(QHostAddress::Any).isEmpty());
}

void tst_LocalNetworks::interfaceIndexForBoundAddress()
{
    const LocalNetworks networks({loopback(), interface(u"eth0"_s, 2, {address("10.0.0.9", 24)})});
    QCOMPARE(networks.interfaceIndexFor(QHostAddress::Any), -1);
    QCOMPARE(networks.interfaceIndexFor(QHostAddress(u"10.0.0.9"_s)), 2);
    QCOMPARE(networks.interfaceIndexFor(QHostAddress(u"127.0.0.1"_s)), 1);
    QCOMPARE(networks.interfaceIndexFor(QHostAddress(u"10.0.0.10"_s)), -1);
}

void tst_LocalNetworks::currentMachineNeverYieldsLoopbackTargets()
{
    // Whatever this machine has: the rules hold for the real interface list too.
    const QList<QHostAddress> targets = LocalNetworks::current().scanTargets();
    for (const QHostAddress &target : targets) {
        QVERIFY(!target.isLoopback());
        QVERIFY(!target.isLinkLocal());
        QCOMPARE(target.protocol(), QAbstractSocket::IPv4Protocol);
    }
    QVERIFY(targets.size() <= 1021 * LocalNetworks::current().scanSubnets().size());
}

QTEST_APPLESS_MAIN(tst_LocalNetworks)
#include "tst_localnetworks.moc"
