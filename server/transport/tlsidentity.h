// Any thread (a value type). The server's TLS certificate and private key: read from PEM files
// the operator provides, or a self-signed one generated with OpenSSL on first start and kept in
// a directory (so its fingerprint stays the same across restarts). Qt 6.4 cannot generate
// certificates, hence libcrypto.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

class TlsIdentity final
{
    Q_DECLARE_TR_FUNCTIONS(TlsIdentity)

public:
    static constexpr int GeneratedValidityDays = 3650;
    static inline const QString CertificateFileName = QStringLiteral("certificate.pem");
    static inline const QString KeyFileName = QStringLiteral("key.pem");

    TlsIdentity() = default;

    // The certificate (first in the file; any further ones are its chain) and the unencrypted
    // RSA or EC private key that belongs to it.
    static TlsIdentity load(const QString &certificatePath, const QString &keyPath);
    // directory/certificate.pem and key.pem; generated (EC P-256, self-signed) when neither exists.
    static TlsIdentity loadOrGenerate(const QString &directory);
    // load() when both paths are set, loadOrGenerate(generatedDirectory) when neither is.
    static TlsIdentity forServer(const QString &certificatePath, const QString &keyPath,
                                 const QString &generatedDirectory);

    bool isValid() const { return m_error.isEmpty() && !m_certificate.isNull(); }
    QString errorString() const { return m_error; }
    bool wasGenerated() const { return m_generated; }
    QSslCertificate certificate() const { return m_certificate; }
    QSslKey privateKey() const { return m_key; }
    // SHA-256 of the DER certificate as colon-separated upper-case hex (docs/PROTOCOL.md, "TLS").
    QString fingerprint() const { return fingerprintOf(m_certificate); }
    // What a server socket needs: this identity, TLS 1.2 or later, no client certificates.
    QSslConfiguration serverConfiguration() const;

    static QString fingerprintOf(const QSslCertificate &certificate);

private:
    static TlsIdentity failure(const QString &error);
    static QString generate(const QString &certificatePath, const QString &keyPath);

    QSslCertificate m_certificate;
    QList<QSslCertificate> m_chain;
    QSslKey m_key;
    QString m_error;
    bool m_generated = false;
};
