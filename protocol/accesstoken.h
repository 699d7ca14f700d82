// Server access tokens: generation and constant-time comparison. Pure functions, any thread.
#pragma once

#include <QByteArray>
#include <QString>

namespace AccessToken {
// The random bytes of a generated token: 144 bits, 24 characters of base64url.
constexpr int RandomBytes = 18;
// RandomBytes (or `bytes`) from the system's cryptographically secure generator, base64url
// without padding. Also sessions (32 bytes) and identity secrets (32 bytes).
QString generate(int bytes = RandomBytes);
// Compares in time independent of where the strings differ (both are hashed to a fixed length
// first, so the length of the expected token does not leak either).
bool matches(const QString &presented, const QString &expected);
// SHA-256 of a secret's UTF-8 bytes: what the server keeps of sessions and identity secrets.
QByteArray digest(const QString &secret);
// Compares two digests in time independent of where they differ.
bool digestsMatch(const QByteArray &a, const QByteArray &b);
// "abcd…" for logs and the UI: never the full token.
QString redacted(const QString &token);
} // namespace AccessToken
