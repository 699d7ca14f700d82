// Any thread that owns the QSettings it is given. This device's identity secret
// (docs/PROTOCOL.md, "Identities and registered names"): 32 bytes from the system's secure random
// source, base64url, made the first time it is needed and kept in the settings, so that the names
// this user registers stay theirs across restarts. Never shown or logged.
#pragma once

#include <QString>

class QSettings;

namespace ClientIdentity {
// The random bytes of a new secret: 256 bits, 43 characters of base64url.
constexpr int RandomBytes = 32;
// The stored secret; a new one, stored, when there is none or the stored one is not valid.
QString ensure(QSettings &settings);
} // namespace ClientIdentity
