#include "chatlinks.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ChatLinks {

QList<Link> find(const QString &text)
{
    QList<Link> links;
    // Cheap test first: most messages have no link at all.
    if (!text.contains(u':'))
        return links;
    static const QRegularExpression candidate(
        uR"((?<![\w.+-])(?:https?://|mailto:)[^\s<>"\x{00A0}\x{2028}\x{2029}]+)"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    for (auto it = candidate.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        QString found = match.captured();
        // Sentence punctuation after a link belongs to the sentence.
        while (!found.isEmpty()) {
            const QChar last = found.back();
            if (u".,;:!?'*"_s.contains(last)) {
                found.chop(1);
                continue;
            }
            const qsizetype closing = u")]}"_s.indexOf(last);
            if (closing >= 0) {
                const QChar opening = u"([{"_s.at(closing);
                if (found.count(opening) < found.count(last)) {
                    found.chop(1);
                    continue;
                }
            }
            break;
        }
        const QUrl url(found, QUrl::TolerantMode);
        if (!isAllowed(url))
            continue;
        links.append({match.capturedStart(), found.size(), url});
    }
    return links;
}

bool isAllowed(const QUrl &url)
{
    if (!url.isValid())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == "http"_L1 || scheme == "https"_L1)
        return !url.host().isEmpty();
    if (scheme == "mailto"_L1)
        return url.path().contains(u'@') && url.host().isEmpty();
    return false;
}

} // namespace ChatLinks
