// Lives in the GUI thread. The rows of a ChatView, one ChatLine per model row, their vertical
// geometry and the scroll position: each row's top is the sum of the heights above it, so rows
// can never overlap and never leave a gap, whatever is laid out or estimated. Only the rows in
// and near the viewport are laid out; the others keep an estimated height until then. The scroll
// position is an anchor (a row and how far the viewport's top is into it) or "following the
// latest row", so that rows above that change height move nothing on screen. Also decides where
// each row stands among its neighbours: groups of one sender, runs of joins and leaves.
#pragma once

#include "chatline.h"

#include <vector>

struct ChatLineStyle;
class QAbstractItemModel;

class ChatLines final
{
public:
    // Consecutive messages of one sender within this time share one header.
    static constexpr qint64 GroupWindowMs = 5 * 60 * 1000;
    // At most this many rows keep their text layouts; the others keep only their heights.
    static constexpr int MaxLaidOutRows = 600;
    // A scroll position this close to the bottom counts as at the bottom.
    static constexpr int FollowSlackPx = 2;

    struct ScrollRange
    {
        int maximum = 0;
        int value = 0;
    };

    ChatLines();
    ~ChatLines();
    ChatLines(const ChatLines &) = delete;
    ChatLines &operator=(const ChatLines &) = delete;

    int count() const { return int(m_lines.size()); }
    const ChatLine &at(int row) const { return m_lines.at(std::size_t(row)); }

    // Rows from the model (ChatViewRole), with the context of their neighbours brought up to
    // date. insertRows() returns how many of the new rows are others' messages.
    int insertRows(const QAbstractItemModel &model, int first, int last);
    void refreshRows(const QAbstractItemModel &model, int first, int last);
    void removeRows(int first, int last);
    void clear();
    void setExpanded(int row, bool expanded);
    // The row above which "New messages" is drawn; -1: none.
    void setUnreadRow(int row);
    int unreadRow() const { return m_unreadRow; }
    // Decides the context of the rows first..last, widened to whole runs of joins and leaves;
    // rows whose context changed lose their layout.
    void updateContext(int first, int last);
    // The row that shows a hidden row (the first of its run).
    int visibleRowFor(int row) const;
    // The next row in that direction that is not hidden; row itself when there is none (-1
    // when row is outside the rows).
    int adjacentRow(int row, int step) const;

    // A new style (width, font or palette changed): every layout is out of date.
    void setStyle(const ChatLineStyle *style);
    // Lays the row out for the current style; returns whether its height changed.
    bool layout(int row);
    void invalidate(int row);
    // Frees the text layouts of rows outside first..last once too many are kept.
    void trimLayouts(int first, int last);
    int laidOutRows() const;

    // Geometry in content coordinates (estimates count until a row is laid out).
    int top(int row);
    int height(int row);
    int totalHeight();
    // The row at y; -1 when y is above the first row or below the last. Hidden rows are skipped.
    int rowAt(int y);

    // The scroll position.
    bool isFollowing() const { return m_follow; }
    void setFollowing(bool follow) { m_follow = follow; }
    // From a scroll bar position (content coordinates of the viewport's top).
    void anchorAt(int value, int maximum);
    // The viewport's top offset pixels into the row.
    void anchorRow(int row, int offset);
    // Lays out the rows in and around a viewport of this height; returns the scroll bar's range
    // and value that keep the anchor in place (or the latest row at the bottom while following).
    ScrollRange layoutViewport(int viewportHeight, int bottomMargin);

private:
    struct Anchor
    {
        int row = 0;
        int offset = 0; // from the row's top to the viewport's top
    };

    ChatRowContext contextOf(int row, int runEnd) const;
    int runEnd(int row) const;
    bool startsRun(int row) const;
    void updateTops();
    void heightsChanged() { m_topsValid = false; }

    std::vector<ChatLine> m_lines;
    const ChatLineStyle *m_style = nullptr;
    int m_unreadRow = -1;
    Anchor m_anchor;
    bool m_follow = true;
    int m_laidOut = 0; // rows with a text layout (an upper bound)
    std::vector<int> m_tops; // count() + 1 entries
    bool m_topsValid = false;
};
