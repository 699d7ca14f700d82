#include "discoveredhost.h"

using namespace Qt::StringLiterals;

QString DiscoveredHost::key() const
{
    if (source == Source::Announcement)
        return u"dns-sd:"_s + name;
    return u"scan:"_s + authority();
}

QString DiscoveredHost::authority() const
{
    QHostAddress plain = address;
    plain.setScopeId(QString()); // a scope belongs in a URL as %25…, not in what people read
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + plain.toString() + u']'
                             : plain.toString();
    return host + u':' + QString::number(port);
}

QJsonObject DiscoveredHost::toJson() const
{
    return QJsonObject {
        {"name"_L1, name},
        {"host"_L1, hostName},
        {"address"_L1, address.toString()},
        {"port"_L1, int(port)},
        {"tls"_L1, tls},
        {"fingerprint"_L1, fingerprint},
        {"version"_L1, version},
        {"source"_L1, source == Source::Announcement ? "dns-sd"_L1 : "scan"_L1},
    };
}

QString DiscoveredHost::toLine() const
{
    QString line = name + u"  "_s + authority();
    if (!hostName.isEmpty() && hostName != address.toString())
        line += u" ("_s + hostName + u')';
    line += tls ? u"  tls"_s : u"  plain"_s;
    if (!fingerprint.isEmpty())
        line += u"  sha256 "_s + fingerprint;
    return line;
}

bool DiscoveredHost::sameEndpoint(const DiscoveredHost &other) const
{
    return port == other.port && address.isEqual(other.address, QHostAddress::TolerantConversion);
}

bool DiscoveredHost::operator==(const DiscoveredHost &other) const
{
    return source == other.source && name == other.name && hostName == other.hostName
           && address == other.address && port == other.port && tls == other.tls
           && fingerprint == other.fingerprint && version == other.version;
}

qsizetype DiscoveredHost::indexIn(const QList<DiscoveredHost> &hosts, const DiscoveredHost &found)
{
    for (qsizetype i = 0; i < hosts.size(); ++i)
        if (hosts.at(i).key() == found.key() || hosts.at(i).sameEndpoint(found))
            return i;
    return -1;
}

DiscoveredHost DiscoveredHost::merged(const DiscoveredHost &known, const DiscoveredHost &found)
{
    if (known.source != Source::Announcement || found.source != Source::Scan)
        return found;
    DiscoveredHost result = known;
    if (result.fingerprint.isEmpty())
        result.fingerprint = found.fingerprint;
    return result;
}
