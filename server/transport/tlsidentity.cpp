#include "tlsidentity.h"

#include "fingerprint.h"
#include "privatefiles.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QNetworkInterface>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSslSocket>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

template<typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *pointer) const { Free(pointer); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using Certificate = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Extension = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;

// OpenSSL keeps failures in a per-thread queue; Qt's TLS code in this thread must not find ours.
struct ErrorQueueGuard
{
    ErrorQueueGuard() = default;
    ErrorQueueGuard(const ErrorQueueGuard &) = delete;
    ErrorQueueGuard &operator=(const ErrorQueueGuard &) = delete;
    ~ErrorQueueGuard() { ERR_clear_error(); }
};

// Never prompts on the terminal for a passphrase (OpenSSL's default callback would).
int noPassphrase(char *, int, int, void *)
{
    return 0;
}

// Reads the bytes in place: they must outlive the BIO.
Bio memoryBio(const QByteArray &data)
{
    return Bio(BIO_new_mem_buf(data.constData(), int(data.size())));
}

// The names a client may use for this machine: its host name, localhost and the addresses of
// its interfaces, all known locally (no lookup leaves the machine).
QByteArray subjectAltNames()
{
    QStringList names {u"DNS:localhost"_s, u"IP:127.0.0.1"_s, u"IP:::1"_s};
    QString host = QHostInfo::localHostName();
    host.remove(QRegularExpression(u"[^A-Za-z0-9.-]"_s));
    if (!host.isEmpty() && host != "localhost"_L1) {
        names << u"DNS:"_s + host;
        if (!host.contains(u'.'))
            names << u"DNS:"_s + host + u".local"_s;
    }
    const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : addresses) {
        if (address.isLoopback() || address.isLinkLocal() || !address.scopeId().isEmpty())
            continue;
        names << u"IP:"_s + address.toString();
    }
    names.removeDuplicates();
    return names.join(u',').toLatin1();
}

bool addExtension(X509 *certificate, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    const Extension extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

// DER through one of OpenSSL's i2d functions: asked for the size first, then written.
template<typename Object, typename Encoder>
QByteArray toDer(Object *object, Encoder encode)
{
    const int size = encode(object, nullptr);
    if (size <= 0)
        return {};
    QByteArray der(size, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    return encode(object, &out) == size ? der : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions,
               QString *error)
{
    QSaveFile file(path);
    // Permissions go on the temporary file before the key is in it.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions)
        || file.write(data) != data.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

TlsIdentity TlsIdentity::failure(const QString &error)
{
    TlsIdentity identity;
    identity.m_error = error;
    return identity;
}

QString TlsIdentity::fingerprintOf(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return Fingerprint::fromSha256(certificate.digest(QCryptographicHash::Sha256));
}

TlsIdentity TlsIdentity::load(const QString &certificatePath, const QString &keyPath)
{
    const ErrorQueueGuard errorQueueGuard;
    QFile certificateFile(certificatePath);
    if (!certificateFile.open(QIODevice::ReadOnly))
        return failure(tr("Cannot read the TLS certificate %1: %2")
                           .arg(certificatePath, certificateFile.errorString()));
    const QList<QSslCertificate> certificates
        = QSslCertificate::fromData(certificateFile.readAll(), QSsl::Pem);
    if (certificates.isEmpty() || certificates.first().isNull())
        return failure(tr("%1 holds no PEM certificate.").arg(certificatePath));

    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return failure(
            tr("Cannot read the TLS private key %1: %2").arg(keyPath, keyFile.errorString()));
    const QByteArray keyData = keyFile.readAll();
    // OpenSSL reads every PEM key format (PKCS#1, SEC1, PKCS#8) and names the algorithm Qt needs.
    const Bio keyBio = memoryBio(keyData);
    const Key privateKey(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassphrase, nullptr));
    const int type = privateKey ? EVP_PKEY_get_base_id(privateKey.get()) : EVP_PKEY_NONE;
    const QSslKey key = type == EVP_PKEY_EC || type == EVP_PKEY_RSA
                            ? QSslKey(keyData, type == EVP_PKEY_EC ? QSsl::Ec : QSsl::Rsa,
                                      QSsl::Pem, QSsl::PrivateKey)
                            : QSslKey();
    if (key.isNull())
        return failure(tr("%1 holds no unencrypted PEM private key (RSA or EC).").arg(keyPath));

    // Qt cannot tell whether a key belongs to a certificate; OpenSSL can.
    const QByteArray certificatePem = certificates.first().toPem(); // the BIO does not copy it
    const Bio certificateBio = memoryBio(certificatePem);
    const Certificate x509(PEM_read_bio_X509(certificateBio.get(), nullptr, noPassphrase, nullptr));
    if (!x509 || X509_check_private_key(x509.get(), privateKey.get()) != 1)
        return failure(tr("The private key in %1 does not belong to the certificate in %2.")
                           .arg(keyPath, certificatePath));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (certificates.first().expiryDate() < now)
        return failure(
            tr("The TLS certificate in %1 expired on %2.")
                .arg(certificatePath, certificates.first().expiryDate().toString(Qt::ISODate)));
    if (certificates.first().effectiveDate() > now)
        return failure(
            tr("The TLS certificate in %1 is not valid before %2.")
                .arg(certificatePath, certificates.first().effectiveDate().toString(Qt::ISODate)));

    TlsIdentity identity;
    identity.m_certificate = certificates.first();
    identity.m_chain = certificates.mid(1);
    identity.m_key = key;
    return identity;
}

TlsIdentity TlsIdentity::loadOrGenerate(const QString &directory)
{
    const QDir dir(directory);
    // The data directory too, if this creates it (before the history does): 0700.
    if (!PrivateFiles::makeDirectory(QFileInfo(directory).absolutePath())
        || !PrivateFiles::makeDirectory(directory))
        return failure(
            tr("Cannot create the directory %1 for the TLS certificate.").arg(directory));
    QFile::setPermissions(directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString certificatePath = dir.absoluteFilePath(CertificateFileName);
    const QString keyPath = dir.absoluteFilePath(KeyFileName);
    const bool haveCertificate = QFileInfo::exists(certificatePath);
    const bool haveKey = QFileInfo::exists(keyPath);
    if (haveCertificate != haveKey)
        return failure(tr("%1 exists without %2: remove it to have a new certificate generated.")
                           .arg(haveCertificate ? certificatePath : keyPath,
                                haveCertificate ? keyPath : certificatePath));
    bool generated = false;
    if (!haveCertificate) {
        const QString error = generate(certificatePath, keyPath);
        if (!error.isEmpty())
            return failure(error);
        generated = true;
    }
    TlsIdentity identity = load(certificatePath, keyPath);
    identity.m_generated = generated;
    return identity;
}

TlsIdentity TlsIdentity::forServer(const QString &certificatePath, const QString &keyPath,
                                   const QString &generatedDirectory)
{
    if (certificatePath.isEmpty() && keyPath.isEmpty())
        return loadOrGenerate(generatedDirectory);
    if (certificatePath.isEmpty() || keyPath.isEmpty())
        return failure(tr("TLS needs both a certificate file and a private key file."));
    return load(certificatePath, keyPath);
}

// A self-signed X.509 v3 server certificate with an EC P-256 key.
QString TlsIdentity::generate(const QString &certificatePath, const QString &keyPath)
{
    const ErrorQueueGuard errorQueueGuard;
    const QString failed = tr("Cannot generate a TLS certificate: %1");
    const Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    const Certificate certificate(X509_new());
    const Bignum serial(BN_new());
    if (!key || !certificate || !serial)
        return failed.arg(tr("out of memory or no EC support in OpenSSL"));

    const QByteArray commonName
        = QString(u"LanChat on "_s + QHostInfo::localHostName()).left(64).toUtf8();
    X509_NAME *name = X509_get_subject_name(certificate.get());
    const bool ok
        = X509_set_version(certificate.get(), X509_VERSION_3) == 1
          && BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1
          && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get()))
          // An hour back: clocks on a LAN are rarely exactly in step.
          && X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600)
          && X509_time_adj_ex(X509_getm_notAfter(certificate.get()), GeneratedValidityDays, 0,
                              nullptr)
          && X509_NAME_add_entry_by_txt(
                 name, "CN", MBSTRING_UTF8,
                 reinterpret_cast<const unsigned char *>(commonName.constData()), -1, -1, 0)
                 == 1
          && X509_set_issuer_name(certificate.get(), name) == 1
          && X509_set_pubkey(certificate.get(), key.get()) == 1
          && addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE")
          && addExtension(certificate.get(), NID_key_usage, "critical,digitalSignature")
          && addExtension(certificate.get(), NID_ext_key_usage, "serverAuth")
          && addExtension(certificate.get(), NID_subject_key_identifier, "hash")
          && addExtension(certificate.get(), NID_subject_alt_name, subjectAltNames())
          && X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0;
    if (!ok)
        return failed.arg(tr("OpenSSL could not build the certificate"));

    // Qt writes the PEM files from the DER that OpenSSL produced.
    const QByteArray certificatePem
        = QSslCertificate(toDer(certificate.get(), i2d_X509), QSsl::Der).toPem();
    const QByteArray keyPem
        = QSslKey(toDer(key.get(), i2d_PrivateKey), QSsl::Ec, QSsl::Der, QSsl::PrivateKey).toPem();
    if (certificatePem.isEmpty() || keyPem.isEmpty())
        return failed.arg(tr("the generated certificate could not be encoded"));
    QString error;
    if (!writeFile(keyPath, keyPem, QFile::ReadOwner | QFile::WriteOwner, &error)
        || !writeFile(certificatePath, certificatePem,
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther,
                      &error)) {
        QFile::remove(keyPath);
        return failed.arg(error);
    }
    return {};
}

QSslConfiguration TlsIdentity::serverConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (m_chain.isEmpty())
        configuration.setLocalCertificate(m_certificate);
    else
        configuration.setLocalCertificateChain(QList<QSslCertificate> {m_certificate} + m_chain);
    configuration.setPrivateKey(m_key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}
