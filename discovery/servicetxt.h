// Any thread (pure functions). The DNS-SD side of LanChat (docs/PROTOCOL.md, "DNS-SD"): the
// service types, and the TXT record of `_lanchat._tcp` (RFC 6763, section 6) built from what a
// host announces and parsed from what another host announced. The token is never part of it.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

// What a hosting LanChat announces.
struct ServiceAnnouncement
{
    QString name; // the instance name; at most MaxInstanceNameBytes of UTF-8
    quint16 port = 0;
    bool tls = false;
    QString fingerprint; // with TLS: SHA-256 of the certificate
    int version = 0; // protocol version
    // Where to announce: Avahi's interface index and protocol, -1 for all (a server bound to one
    // address is announced only where that address is).
    int interfaceIndex = -1;
    int protocol = -1;

    bool operator==(const ServiceAnnouncement &other) const;
    bool operator!=(const ServiceAnnouncement &other) const { return !(*this == other); }
};

// The TXT keys of `_lanchat._tcp` as another host announced them.
struct ServiceTxtInfo
{
    bool valid = false; // false: no usable "v"; not a LanChat announcement this build understands
    int version = 0;
    QString name; // empty when absent
    bool tls = false;
    QString fingerprint; // canonical form; empty when absent, malformed, or without tls=1
};

class ServiceTxt final
{
    Q_DECLARE_TR_FUNCTIONS(ServiceTxt)

public:
    static constexpr auto ServiceType = "_lanchat._tcp";
    static constexpr auto HttpServiceType = "_http._tcp";
    // An instance name is one DNS label (RFC 6763, section 4.1.1).
    static constexpr int MaxInstanceNameBytes = 63;
    // One TXT string: a length byte, so at most 255 bytes of "key=value".
    static constexpr int MaxStringBytes = 255;

    // "v=1", "name=…", "tls=0|1" and, with TLS, "fp=AB:CD:…"; each at most 255 bytes (a long
    // name is cut at a character boundary).
    static QList<QByteArray> encode(const ServiceAnnouncement &announcement);
    // The `_http._tcp` TXT record of the browser page: "path=/".
    static QList<QByteArray> encodeHttp();
    // Keys are case-insensitive and only the first of a repeated key counts (RFC 6763, 6.4);
    // unknown keys are ignored; text is cleaned with cleanText().
    static ServiceTxtInfo parse(const QList<QByteArray> &strings);

    // Text from the network as it may be shown: without control and format characters (bidi
    // overrides, zero-width characters), invalid UTF-8 replaced, trimmed.
    static QString cleanText(const QString &text);
    static QString cleanText(const QByteArray &utf8);
    // The longest prefix of text (trimmed) that fits into maxBytes of UTF-8.
    static QString truncatedUtf8(const QString &text, int maxBytes);
};
