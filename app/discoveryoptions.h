// Main thread. The command-line options and settings of finding each other on the network:
// the server's name, announcing it (DNS-SD), the QR code of --headless, and
// `lanchat --discover [--timeout S] [--json] [--scan]`. Command line over settings.
#pragma once

#include <QCommandLineOption>
#include <QCoreApplication>

class QCommandLineParser;
class QSettings;
struct ServerConfig;

class DiscoveryOptions final
{
    Q_DECLARE_TR_FUNCTIONS(DiscoveryOptions)

public:
    struct Values
    {
        bool announce = true;
        bool qr = false; // --qr: print the QR code even when standard output is no terminal
        bool discover = false;
        int timeoutMs = -1; // -1: the default (DefaultTimeoutSeconds, or until the scan is done)
        bool json = false;
        bool scan = false;
    };
    static constexpr int DefaultTimeoutSeconds = 5;
    static constexpr auto DiscoverFlag = "--discover";

    DiscoveryOptions();

    void addTo(QCommandLineParser &parser) const;
    // Fills the server's name into config and the rest into values; false with a message when
    // a value is malformed or options do not fit together.
    bool apply(const QCommandLineParser &parser, const QSettings &settings, ServerConfig *config,
               Values *values, QString *error) const;

private:
    QCommandLineOption m_name;
    QCommandLineOption m_noAnnounce;
    QCommandLineOption m_qr;
    QCommandLineOption m_discover;
    QCommandLineOption m_timeout;
    QCommandLineOption m_json;
    QCommandLineOption m_scan;
};
