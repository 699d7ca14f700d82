#include "textselection.h"

#include "chatlines.h"

#include <QStringList>

#include <algorithm>

void TextSelection::select(TextPosition anchor, TextPosition cursor)
{
    m_anchor = anchor;
    m_cursor = cursor;
}

void TextSelection::moveCaret(TextPosition to, bool extend)
{
    if (!extend || !m_cursor.isValid())
        m_anchor = to;
    m_cursor = to;
}

std::pair<int, int> TextSelection::rangeIn(int row, int length) const
{
    if (isEmpty())
        return {-1, -1};
    const TextPosition first = start();
    const TextPosition last = end();
    if (row < first.row || row > last.row)
        return {-1, -1};
    const int from = row == first.row ? std::clamp(first.offset, 0, length) : 0;
    const int to = row == last.row ? std::clamp(last.offset, 0, length) : length;
    if (to <= from)
        return {-1, -1};
    return {from, to};
}

QString TextSelection::text(const ChatLines &lines) const
{
    if (isEmpty())
        return {};
    QStringList parts;
    for (int row = start().row; row <= end().row && row < lines.count(); ++row) {
        const ChatLine &line = lines.at(row);
        if (line.context().hidden)
            continue;
        const auto [from, to] = rangeIn(row, line.selectableLength());
        if (from >= 0)
            parts.append(line.text().mid(from, to - from));
    }
    return parts.join(u'\n');
}

void TextSelection::rowsInserted(int first, int count)
{
    if (m_anchor.row >= first)
        m_anchor.row += count;
    if (m_cursor.row >= first)
        m_cursor.row += count;
}

void TextSelection::rowsRemoved(int first, int last)
{
    const auto touched = [&](const TextPosition &p) { return p.row >= first && p.row <= last; };
    if (touched(m_anchor) || touched(m_cursor)) {
        reset();
        return;
    }
    const int removed = last - first + 1;
    if (m_anchor.row > last)
        m_anchor.row -= removed;
    if (m_cursor.row > last)
        m_cursor.row -= removed;
}
