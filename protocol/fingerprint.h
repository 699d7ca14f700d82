// Any thread. The form of a TLS certificate's fingerprint in invites, TXT records, pins and the
// host window (docs/PROTOCOL.md, "TLS"): SHA-256, colon-separated upper-case hex.
#pragma once

#include <QByteArray>
#include <QString>

namespace Fingerprint {
// The fingerprint of a SHA-256 digest (32 bytes, as QSslCertificate::digest gives it); empty for
// an empty digest.
QString fromSha256(const QByteArray &digest);
// The canonical form of a fingerprint typed or pasted in any case, with or without colons;
// empty when it is not 32 bytes of hex.
QString normalized(const QString &fingerprint);
} // namespace Fingerprint
