#include "discovercommand.h"

#include "avahibrowser.h"
#include "localnetworks.h"
#include "networkscanner.h"
#include "recentservers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSettings>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("DiscoverCommand", text);
}

void printLine(FILE *stream, const QString &line)
{
    std::fputs(line.toUtf8().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

int runDiscover(QCoreApplication &app, const DiscoveryOptions::Values &options)
{
    QList<DiscoveredHost> hosts;
    AvahiBrowser browser;
    NetworkScanner scanner;
    bool browseDone = false;
    bool scanDone = !options.scan;
    bool canSearch = true;

    // One entry per server: an announcement and a scan result for one address and port are one.
    const auto merge = [&](const DiscoveredHost &found) {
        const qsizetype index = DiscoveredHost::indexIn(hosts, found);
        if (index < 0)
            hosts.append(found);
        else
            hosts[index] = DiscoveredHost::merged(hosts.at(index), found);
    };

    const auto finish = [&] {
        for (const DiscoveredHost &host : std::as_const(hosts)) {
            printLine(stdout, options.json ? QString::fromUtf8(
                                  QJsonDocument(host.toJson()).toJson(QJsonDocument::Compact))
                                           : host.toLine());
        }
        app.exit(canSearch ? 0 : 1);
    };
    const auto maybeFinish = [&] {
        // An explicit --timeout is the only limit; otherwise both searches say when they are done.
        if (options.timeoutMs < 0 && browseDone && scanDone)
            finish();
    };

    QObject::connect(&browser, &AvahiBrowser::hostFound, &app,
                     [&](const DiscoveredHost &host) { merge(host); });
    QObject::connect(&browser, &AvahiBrowser::hostLost, &app, [&](const QString &key) {
        hosts.erase(std::remove_if(hosts.begin(), hosts.end(),
                                   [&](const DiscoveredHost &host) { return host.key() == key; }),
                    hosts.end());
    });
    QObject::connect(&browser, &AvahiBrowser::settled, &app, [&] {
        if (browser.state() == AvahiBrowser::State::Unavailable
            || browser.state() == AvahiBrowser::State::Failed) {
            printLine(
                stderr,
                tr("lanchat: automatic discovery needs avahi-daemon: %1").arg(browser.problem()));
            canSearch = options.scan;
        }
        browseDone = true;
        maybeFinish();
    });
    QObject::connect(&scanner, &NetworkScanner::hostFound, &app,
                     [&](const DiscoveredHost &host) { merge(host); });
    QObject::connect(&scanner, &NetworkScanner::finished, &app, [&] {
        scanDone = true;
        maybeFinish();
    });

    const int timeoutMs = options.timeoutMs >= 0 ? options.timeoutMs
                          : options.scan         ? -1
                                                 : DiscoveryOptions::DefaultTimeoutSeconds * 1000;
    if (timeoutMs >= 0)
        QTimer::singleShot(timeoutMs, &app, finish);

    browser.start();
    if (options.scan) {
        QSettings settings;
        QList<quint16> recentPorts;
        const QList<ServerEndpoint> recent = RecentServers::load(settings);
        for (const ServerEndpoint &endpoint : recent)
            recentPorts << endpoint.port;
        const QList<QHostAddress> targets = LocalNetworks::current().scanTargets();
        const QList<quint16> ports = NetworkScanner::portsToProbe(recentPorts);
        QStringList portNames;
        for (const quint16 port : ports)
            portNames << QString::number(port);
        printLine(stderr, QCoreApplication::translate(
                              "DiscoverCommand", "lanchat: scanning %n address(es) on port(s) %1",
                              nullptr, int(targets.size()))
                              .arg(portNames.join(u", "_s)));
        scanner.start(targets, ports);
    }
    return app.exec();
}
