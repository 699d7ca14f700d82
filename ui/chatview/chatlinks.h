// Any thread (pure functions). Finds the links in a message's plain text. Only http, https and
// mailto are links; anything else that looks like a URL (javascript:, file:, data:, ftp: …) stays
// text, is never drawn as a link and is never opened.
#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace ChatLinks {

struct Link
{
    qsizetype start = 0; // in the text, UTF-16 code units
    qsizetype length = 0;
    QUrl url;
};

// The links in the text, in order, without overlaps. Trailing punctuation and an unbalanced
// closing bracket are not part of a link ("see https://example.org/a)." → ".../a").
QList<Link> find(const QString &text);
// Whether a URL may be opened: an http or https URL with a host, or a mailto URL with an address.
bool isAllowed(const QUrl &url);

} // namespace ChatLinks
