#include "recentservers.h"

#include "lanchatsettings.h"
#include "usernamerules.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace {
bool sameServer(const ServerEndpoint &a, const ServerEndpoint &b)
{
    return a.host.compare(b.host, Qt::CaseInsensitive) == 0 && a.port == b.port
           && UsernameRules::comparisonKey(a.username.trimmed())
                  == UsernameRules::comparisonKey(b.username.trimmed());
}
} // namespace

QList<ServerEndpoint> RecentServers::load(QSettings &settings)
{
    QList<ServerEndpoint> result;
    const int size = Settings::RecentServerList.beginRead(settings);
    for (int i = 0; i < size && i < MaxEntries; ++i) {
        settings.setArrayIndex(i);
        ServerEndpoint endpoint;
        endpoint.host = settings.value(u"host"_s).toString();
        endpoint.port = quint16(settings.value(u"port"_s, Protocol::DefaultPort).toUInt());
        endpoint.username = settings.value(u"username"_s).toString();
        endpoint.token = settings.value(u"token"_s).toString();
        endpoint.tls = settings.value(u"tls"_s, false).toBool();
        if (!endpoint.host.isEmpty() && endpoint.port != 0)
            result.append(endpoint);
    }
    settings.endArray();
    return result;
}

void RecentServers::remember(QSettings &settings, const ServerEndpoint &endpoint,
                             bool rememberToken)
{
    QList<ServerEndpoint> list = load(settings);
    list.erase(
        std::remove_if(list.begin(), list.end(),
                       [&](const ServerEndpoint &other) { return sameServer(other, endpoint); }),
        list.end());
    ServerEndpoint stored = endpoint;
    if (!rememberToken)
        stored.token.clear();
    list.prepend(stored);
    while (list.size() > MaxEntries)
        list.removeLast();
    Settings::RecentServerList.beginWrite(settings, int(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(u"host"_s, list.at(i).host);
        settings.setValue(u"port"_s, list.at(i).port);
        settings.setValue(u"username"_s, list.at(i).username);
        if (list.at(i).tls)
            settings.setValue(u"tls"_s, true);
        if (!list.at(i).token.isEmpty())
            settings.setValue(u"token"_s, list.at(i).token);
    }
    settings.endArray();
}

void RecentServers::clear(QSettings &settings)
{
    Settings::RecentServerList.remove(settings);
}
