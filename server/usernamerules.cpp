#include "usernamerules.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace UsernameRules {

QString comparisonKey(const QString &username)
{
    return username.normalized(QString::NormalizationForm_KC).toCaseFolded();
}

Verdict check(const QString &raw)
{
    Verdict verdict;
    const QString name = raw.trimmed();
    if (name.isEmpty()) {
        verdict.problem = u"The username is empty."_s;
        return verdict;
    }
    qsizetype codePoints = 0;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        char32_t ucs = c.unicode();
        if (c.isHighSurrogate() && i + 1 < name.size() && name.at(i + 1).isLowSurrogate()) {
            ucs = QChar::surrogateToUcs4(c, name.at(i + 1));
            ++i;
        } else if (c.isSurrogate()) {
            verdict.problem = u"The username contains an invalid character."_s;
            return verdict;
        }
        ++codePoints;
        const QChar::Category category = QChar::category(ucs);
        if (category == QChar::Other_Control || category == QChar::Other_Format
            || category == QChar::Other_NotAssigned || category == QChar::Other_PrivateUse
            || category == QChar::Separator_Line || category == QChar::Separator_Paragraph) {
            verdict.problem = u"The username contains a control or invisible character."_s;
            return verdict;
        }
    }
    if (codePoints > MaxLength) {
        verdict.problem = u"The username is longer than %1 characters."_s.arg(MaxLength);
        return verdict;
    }
    const QString key = comparisonKey(name);
    static const QStringList reserved = {u"operator"_s, u"server"_s, u"system"_s, u"admin"_s};
    if (reserved.contains(key)) {
        verdict.problem = u"The username \"%1\" is reserved."_s.arg(name);
        return verdict;
    }
    verdict.username = name;
    verdict.key = key;
    return verdict;
}

} // namespace UsernameRules
