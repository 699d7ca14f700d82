// Username validation and comparison keys (docs/PROTOCOL.md, "Usernames"). Pure, any thread.
#pragma once

#include <QString>
#include <QStringList>

namespace UsernameRules {

constexpr int MaxLength = 32;

struct Verdict
{
    QString username; // trimmed display form; empty when refused
    QString key; // comparison key: NFKC, case-folded
    QString problem; // human-readable reason; empty when accepted
    bool isValid() const { return problem.isEmpty(); }
};

Verdict check(const QString &raw);
// NFKC and case folding: "Alice", "ALICE" and fullwidth "Ａｌｉｃｅ" are the same name.
QString comparisonKey(const QString &username);
// Unicode confusables skeletons (UTS #39, through ICU's spoof checker), case-insensitive: names
// that merely look alike (Cyrillic "е" for Latin "e", "rn" for "m") share one. Two names are
// confusable when their lists intersect. Keeps anyone from impersonating a user who is online.
QStringList skeletons(const QString &username);

} // namespace UsernameRules
