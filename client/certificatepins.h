// Any thread that owns the QSettings it is given. Trust in TLS servers by certificate
// fingerprint (docs/PROTOCOL.md, "TLS"): the SHA-256 fingerprints pinned per host:port in
// QSettings, and the check a client makes when a handshake reports certificate errors. Pinning
// replaces certificate authorities: a client accepts exactly the pinned certificate.
#pragma once

#include <QList>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

class QSettings;
class QSslCertificate;
struct ServerEndpoint;

class CertificatePins final
{
public:
    enum class Verdict {
        Accept, // the pinned certificate: ignore exactly these errors
        Unpinned, // no pin yet: the user has to decide
        Changed, // another certificate than the pinned one
        Invalid, // the pinned certificate, but with an error a pin does not excuse (expired…)
    };

    // SHA-256 of the DER certificate, as Fingerprint::fromSha256 writes it.
    static QString fingerprintOf(const QSslCertificate &certificate);
    // (The canonical form of a typed fingerprint: Fingerprint::normalized.)

    // What a client offers: TLS 1.2 or later, and no certificate authorities at all, so that
    // every certificate comes through check() and is trusted by its pin alone.
    static QSslConfiguration clientConfiguration();
    static Verdict check(const QList<QSslError> &errors, const QSslCertificate &peer,
                         const QString &pinned);

    static QString pinFor(QSettings &settings, const QString &host, quint16 port);
    static void pin(QSettings &settings, const QString &host, quint16 port,
                    const QString &fingerprint);
    static void forget(QSettings &settings, const QString &host, quint16 port);
    // Fills in the stored pin of a TLS endpoint that carries none (an invite's pin comes first).
    static void applyStored(QSettings &settings, ServerEndpoint *endpoint);
};
