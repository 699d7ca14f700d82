// Username validation and comparison keys (docs/PROTOCOL.md, "Usernames"). Pure, any thread.
#pragma once

#include <QString>

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
QString comparisonKey(const QString &username);

} // namespace UsernameRules
