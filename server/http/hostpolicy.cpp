#include "hostpolicy.h"

#include <QHostInfo>
#include <QNetworkInterface>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString normalisedName(QString name)
{
    name = name.toLower();
    if (name.endsWith(u'.'))
        name.chop(1);
    return name;
}

// An IPv4 address in dotted form, or an IPv6 address with or without its brackets.
bool parseAddress(const QString &host, QHostAddress *address)
{
    QString literal = host;
    if (literal.startsWith(u'[') && literal.endsWith(u']'))
        literal = literal.mid(1, literal.size() - 2);
    else if (!literal.contains(u':') && !std::all_of(literal.cbegin(), literal.cend(), [](QChar c) {
                 return c.isDigit() || c == u'.';
             }))
        return false;
    return !literal.isEmpty() && address->setAddress(literal);
}

} // namespace

HostPolicy::HostPolicy(const QStringList &extraNames)
{
    for (const QString &name : extraNames) {
        if (name.trimmed() == "*"_L1)
            m_anyName = true;
        else if (!name.trimmed().isEmpty())
            m_extraNames.insert(normalisedName(name.trimmed()));
    }
    refresh();
}

void HostPolicy::refresh()
{
    m_refreshed.start();
    m_addresses = QNetworkInterface::allAddresses();
    m_ownNames.clear();
    const QString hostName = normalisedName(QHostInfo::localHostName());
    if (!hostName.isEmpty()) {
        m_ownNames.insert(hostName);
        m_ownNames.insert(hostName + ".local"_L1);
        const QString domain = normalisedName(QHostInfo::localDomainName());
        if (!domain.isEmpty())
            m_ownNames.insert(hostName + u'.' + domain);
    }
}

bool HostPolicy::isOwnAddress(const QHostAddress &address, const QHostAddress &localAddress)
{
    if (address.isLoopback() || address.isEqual(localAddress, QHostAddress::TolerantConversion))
        return true;
    const auto matches = [&] {
        return std::any_of(m_addresses.cbegin(), m_addresses.cend(), [&](const QHostAddress &own) {
            return own.isEqual(address, QHostAddress::TolerantConversion);
        });
    };
    if (matches())
        return true;
    // Interfaces come and go (DHCP, Wi-Fi): look again, but not for every stray request.
    if (m_refreshed.elapsed() < RefreshIntervalMs)
        return false;
    refresh();
    return matches();
}

bool HostPolicy::allows(const QString &host, const QHostAddress &localAddress)
{
    if (m_anyName)
        return true;
    QHostAddress address;
    if (parseAddress(host, &address))
        return isOwnAddress(address, localAddress);
    const QString name = normalisedName(host);
    if (name.isEmpty())
        return false;
    if (name == "localhost"_L1 || name.endsWith(".localhost"_L1))
        return true;
    if (m_extraNames.contains(name) || m_ownNames.contains(name))
        return true;
    if (m_refreshed.elapsed() >= RefreshIntervalMs) { // the host name may have changed
        refresh();
        return m_ownNames.contains(name);
    }
    return false;
}
