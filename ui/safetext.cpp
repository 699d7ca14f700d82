#include "safetext.h"

#include <QStringList>
#include <QTextDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype MaxToolTipCharacters = 1000;
// Lines up to this long are shown unwrapped: a rich-text tooltip otherwise picks a narrow width
// and breaks even a short name (at a '/', say).
constexpr qsizetype MaxUnwrappedLine = 80;
} // namespace

QString SafeText::toolTip(const QString &plain)
{
    if (plain.isEmpty())
        return {};
    QString text = plain;
    if (text.size() > MaxToolTipCharacters) {
        text.truncate(MaxToolTipCharacters);
        if (text.back().isHighSurrogate())
            text.chop(1);
        text += u'…';
    }
    // Rich text with every character escaped shows the characters, whatever they are.
    const QStringList lines = text.split(u'\n');
    const bool shortLines = std::all_of(lines.cbegin(), lines.cend(), [](const QString &line) {
        return line.size() <= MaxUnwrappedLine;
    });
    if (shortLines)
        return u"<p style=\"white-space:pre\">"_s + text.toHtmlEscaped() + u"</p>"_s;
    return Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal); // <p>, <br>, wrapped
}

QString SafeText::notificationBody(const QString &sender, const QString &text)
{
    // Starting with <b>, the body is rich text for Qt's balloon too, so the entities show as the
    // characters they stand for instead of as "&lt;".
    return u"<b>"_s + sender.toHtmlEscaped() + u"</b>: "_s + text.toHtmlEscaped();
}

QString SafeText::windowTitle(const QString &plain)
{
    // Qt shows "[*][*]" as a literal "[*]".
    QString title = plain;
    title.replace(u"[*]"_s, u"[*][*]"_s);
    return title;
}
