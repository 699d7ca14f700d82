#include "certificatepins.h"

#include "clienttypes.h"
#include "fingerprint.h"
#include "lanchatsettings.h"

#include <QCryptographicHash>
#include <QSettings>
#include <QSslCertificate>
#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace {
QString pinKey(const QString &host, quint16 port)
{
    ServerEndpoint endpoint;
    endpoint.host = host.trimmed().toLower();
    endpoint.port = port;
    return endpoint.authority();
}
} // namespace

QString CertificatePins::fingerprintOf(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return Fingerprint::fromSha256(certificate.digest(QCryptographicHash::Sha256));
}

QSslConfiguration CertificatePins::clientConfiguration()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setCaCertificates({});
    return configuration;
}

CertificatePins::Verdict CertificatePins::check(const QList<QSslError> &errors,
                                                const QSslCertificate &peer, const QString &pinned)
{
    const QString presented = fingerprintOf(peer);
    if (pinned.isEmpty())
        return Verdict::Unpinned;
    if (presented.isEmpty() || presented != Fingerprint::normalized(pinned))
        return Verdict::Changed;
    // A pin stands in for the chain of trust and the host name (a LAN host's address changes);
    // it does not excuse an expired or otherwise broken certificate.
    for (const QSslError &error : errors) {
        switch (error.error()) {
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::CertificateUntrusted:
        case QSslError::HostNameMismatch:
            break;
        default:
            return Verdict::Invalid;
        }
    }
    return Verdict::Accept;
}

QString CertificatePins::pinFor(QSettings &settings, const QString &host, quint16 port)
{
    return Settings::TlsPins.value(settings).value(pinKey(host, port)).toString();
}

void CertificatePins::pin(QSettings &settings, const QString &host, quint16 port,
                          const QString &fingerprint)
{
    const QString canonical = Fingerprint::normalized(fingerprint);
    if (canonical.isEmpty())
        return;
    QVariantMap pins = Settings::TlsPins.value(settings);
    pins.insert(pinKey(host, port), canonical);
    Settings::TlsPins.setValue(settings, pins);
}

void CertificatePins::forget(QSettings &settings, const QString &host, quint16 port)
{
    QVariantMap pins = Settings::TlsPins.value(settings);
    pins.remove(pinKey(host, port));
    Settings::TlsPins.setValue(settings, pins);
}

void CertificatePins::applyStored(QSettings &settings, ServerEndpoint *endpoint)
{
    if (endpoint->tls && endpoint->fingerprint.isEmpty())
        endpoint->fingerprint = pinFor(settings, endpoint->host, endpoint->port);
}
