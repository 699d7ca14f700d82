// Username validation and comparison keys (docs/PROTOCOL.md, "Usernames"). Pure, any thread.
#pragma once

#include "protocolconstants.h"

#include <QString>
#include <QStringList>

namespace UsernameRules {

constexpr int MaxLength = Protocol::Limits::MaxUsernameLength;

struct Verdict
{
    QString username; // trimmed display form; empty when refused
    QString key; // comparison key: NFKC, case-folded
    QString problem; // human-readable reason; empty when accepted
    bool isValid() const { return problem.isEmpty(); }
};

Verdict check(const QString &raw);
// The `username` query value as it came on the wire (percent-encoded, as QUrl::FullyEncoded
// gives it), decoded strictly: bytes that are not UTF-8 are refused, never turned into U+FFFD.
Verdict checkQueryValue(const QString &percentEncoded);
// NFKC and case folding: "Alice", "ALICE" and fullwidth "Ａｌｉｃｅ" are the same name.
QString comparisonKey(const QString &username);
// Unicode confusables skeletons (UTS #39, through ICU's spoof checker), case-insensitive: names
// that merely look alike (Cyrillic "е" for Latin "e", "rn" for "m") share one. Two names are
// confusable when their lists intersect. Keeps anyone from impersonating a user who is online.
QStringList skeletons(const QString &username);
// The reserved name a username is or looks like ("admin", also "аdmin" with a Cyrillic "а",
// "ADMİN" or "ädmin"); empty when it is none of them.
QString reservedLookAlike(const QString &username);

} // namespace UsernameRules
