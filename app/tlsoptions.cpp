#include "tlsoptions.h"

#include "chattypes.h"
#include "lanchatsettings.h"

#include <QCommandLineParser>
#include <QSettings>

using namespace Qt::StringLiterals;

TlsOptions::TlsOptions()
    : m_tls(u"tls"_s,
            tr("Serve https:// and wss:// only, with a self-signed certificate generated in the "
               "data directory (kept for later starts).")),
      m_certificate(u"tls-certificate"_s,
                    tr("Serve TLS with the PEM certificate in <file> (implies --tls; needs "
                       "--tls-key)."),
                    u"file"_s),
      m_key(u"tls-key"_s, tr("The unencrypted PEM private key of --tls-certificate."), u"file"_s)
{ }

void TlsOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_tls, m_certificate, m_key});
}

bool TlsOptions::apply(const QCommandLineParser &parser, const QSettings &settings,
                       ServerConfig *config, QString *error) const
{
    const bool fromCommandLine
        = parser.isSet(m_tls) || parser.isSet(m_certificate) || parser.isSet(m_key);
    if (fromCommandLine) {
        config->tlsCertificatePath = parser.value(m_certificate);
        config->tlsKeyPath = parser.value(m_key);
    } else {
        config->tlsCertificatePath = Settings::ServerTlsCertificate.value(settings);
        config->tlsKeyPath = Settings::ServerTlsKey.value(settings);
    }
    config->tls = fromCommandLine || Settings::ServerTls.value(settings);
    if (config->tlsCertificatePath.isEmpty() != config->tlsKeyPath.isEmpty()) {
        *error = tr("TLS needs both --tls-certificate and --tls-key (or neither, for a generated "
                    "certificate)");
        return false;
    }
    return true;
}
