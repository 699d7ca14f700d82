#include "discoveryoptions.h"

#include "chattypes.h"
#include "lanchatsettings.h"
#include "servicetxt.h"

#include <QCommandLineParser>
#include <QSettings>

using namespace Qt::StringLiterals;

DiscoveryOptions::DiscoveryOptions()
    : m_name(u"name"_s,
             tr("Show this server to others as <name> (at most 63 bytes; default \"LanChat on "
                "HOSTNAME\")."),
             u"name"_s),
      m_noAnnounce(u"no-announce"_s,
                   tr("Do not announce the server on the local network (DNS-SD through "
                      "avahi-daemon).")),
      m_qr(u"qr"_s,
           tr("With --headless: print the browser link's QR code even when standard output is "
              "not a terminal.")),
      m_discover(u"discover"_s,
                 tr("Print the LanChat hosts announced on the local network, one per line, and "
                    "exit (no window needed).")),
      m_timeout(u"timeout"_s,
                tr("With --discover: stop after <seconds> (default 5; with --scan, when the scan "
                   "is done)."),
                u"seconds"_s),
      m_json(u"json"_s, tr("With --discover: one JSON object per line.")),
      m_scan(u"scan"_s,
             tr("With --discover: also probe this machine's IPv4 networks (at most a /22 each) "
                "for LanChat hosts, for networks where announcements do not arrive."))
{ }

void DiscoveryOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_name, m_noAnnounce, m_qr, m_discover, m_timeout, m_json, m_scan});
}

bool DiscoveryOptions::apply(const QCommandLineParser &parser, const QSettings &settings,
                             ServerConfig *config, Values *values, QString *error) const
{
    const QString name
        = parser.isSet(m_name) ? parser.value(m_name) : Settings::ServerName.value(settings);
    const QString clean
        = ServiceTxt::truncatedUtf8(ServiceTxt::cleanText(name), ServiceTxt::MaxInstanceNameBytes);
    if (parser.isSet(m_name) && clean.isEmpty()) {
        *error = tr("--name needs a name");
        return false;
    }
    config->serverName = clean;
    values->announce = !parser.isSet(m_noAnnounce) && Settings::ServerAnnounce.value(settings);
    values->qr = parser.isSet(m_qr);
    values->discover = parser.isSet(m_discover);
    values->json = parser.isSet(m_json);
    values->scan = parser.isSet(m_scan);
    if (parser.isSet(m_timeout)) {
        bool ok = false;
        const double seconds = parser.value(m_timeout).toDouble(&ok);
        if (!ok || seconds < 0 || seconds > 3600) {
            *error
                = tr("invalid --timeout \"%1\" (seconds, 0 to 3600)").arg(parser.value(m_timeout));
            return false;
        }
        values->timeoutMs = int(seconds * 1000);
    }
    if (!values->discover && (parser.isSet(m_timeout) || values->json || values->scan)) {
        *error = tr("--timeout, --json and --scan go with --discover");
        return false;
    }
    return true;
}
