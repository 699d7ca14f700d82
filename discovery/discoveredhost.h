// Any thread (a value type). A LanChat host found on the network: announced through DNS-SD
// (docs/PROTOCOL.md, "DNS-SD") or answering GET /api/health to the network scan. Everything in
// it came from the network and is hostile: show it as plain text only.
#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

struct DiscoveredHost
{
    enum class Source : quint8 { Announcement, Scan };

    Source source = Source::Announcement;
    QString name; // the server's name (DNS-SD instance name, or /api/health "name")
    QString hostName; // the mDNS host name ("alice.local"); the address for a scan result
    QHostAddress address;
    quint16 port = 0;
    bool tls = false;
    QString fingerprint; // SHA-256 of the certificate (announced, or presented to the scan)
    int version = 0; // protocol version; 0: unknown

    // Identifies the host across updates: the announced service, or the scanned address:port.
    QString key() const;
    // "192.168.1.20:8787", "[fd00::1]:8787"
    QString authority() const;
    // One object as `lanchat --discover --json` prints it: name, host, address, port, tls,
    // fingerprint, version, source.
    QJsonObject toJson() const;
    // The same fields on one line for people.
    QString toLine() const;
    // Same server (address and port), however it was found.
    bool sameEndpoint(const DiscoveredHost &other) const;
    bool operator==(const DiscoveredHost &other) const;

    // Where found belongs in a list of hosts: the entry with its key or its address and port
    // (one server found both ways is one host); -1 when it is new.
    static qsizetype indexIn(const QList<DiscoveredHost> &hosts, const DiscoveredHost &found);
    // An entry updated with what was found: an announcement keeps its name and takes the scan's
    // fingerprint when it announced none; anything else replaces it.
    static DiscoveredHost merged(const DiscoveredHost &known, const DiscoveredHost &found);
    bool operator!=(const DiscoveredHost &other) const { return !(*this == other); }
};

Q_DECLARE_METATYPE(DiscoveredHost)
