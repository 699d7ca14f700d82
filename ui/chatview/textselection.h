// Lives in the GUI thread (a value type). The text selection of the chat view across its rows:
// from an anchor (where the mouse went down, or the keyboard started) to the cursor, each a row
// and a position in that row's text. The cursor is also the keyboard's caret; with no selection
// the anchor sits on it. Rows move with the model's inserts and removals.
#pragma once

#include <QString>

#include <utility>

class ChatLines;

struct TextPosition
{
    int row = -1;
    int offset = 0;

    bool isValid() const { return row >= 0; }
    bool operator==(const TextPosition &other) const
    {
        return row == other.row && offset == other.offset;
    }
    bool operator!=(const TextPosition &other) const { return !(*this == other); }
    bool operator<(const TextPosition &other) const
    {
        return row < other.row || (row == other.row && offset < other.offset);
    }
};

class TextSelection final
{
public:
    bool isEmpty() const { return !m_cursor.isValid() || m_anchor == m_cursor; }
    TextPosition anchor() const { return m_anchor; }
    TextPosition caret() const { return m_cursor; }
    TextPosition start() const { return m_cursor < m_anchor ? m_cursor : m_anchor; }
    TextPosition end() const { return m_cursor < m_anchor ? m_anchor : m_cursor; }
    // Whether the selection lies within one row.
    bool isWithin(int row) const { return !isEmpty() && start().row == row && end().row == row; }

    void select(TextPosition anchor, TextPosition cursor);
    // The caret moves; with extend the selection grows or shrinks with it, else it goes.
    void moveCaret(TextPosition to, bool extend);
    // No selection; the caret stays.
    void clear() { m_anchor = m_cursor; }
    // No selection and no caret.
    void reset() { m_anchor = m_cursor = {}; }

    // The selected part of a row whose text has length characters; {-1, -1} when none.
    std::pair<int, int> rangeIn(int row, int length) const;
    // Exactly what is highlighted: each row's selected part on a line of its own.
    QString text(const ChatLines &lines) const;
    void rowsInserted(int first, int count);
    void rowsRemoved(int first, int last);

private:
    TextPosition m_anchor;
    TextPosition m_cursor;
};
