// Any thread (pure functions). What the client does to the text of chat messages: the form it
// is sent in, and where it mentions someone.
#pragma once

#include <QList>
#include <QString>

namespace MessageText {
// The text as it would be sent (line breaks normalised, control characters removed).
QString normalized(const QString &text);
// Whether the text names the user as a word of its own (case-insensitive).
bool mentions(const QString &text, const QString &username);
// Where the text names the user: start, length pairs (UTF-16 positions in text).
QList<int> mentionRanges(const QString &text, const QString &username);
} // namespace MessageText
