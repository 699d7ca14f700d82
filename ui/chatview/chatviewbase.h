// Lives in the GUI thread. The list half of ChatView: a QAbstractItemView over any flat model
// with the roles of chatviewroles.h that keeps one ChatLine per row (ChatLines), the scroll
// position (following the latest row, or anchored to the one on screen), the unread divider and
// the jump-to-latest button, and paints the rows in view with the text selection. ChatView adds
// the mouse, the keyboard, the context menu and the public queries.
#pragma once

#include "chatlines.h"
#include "chatlinestyle.h"
#include "textselection.h"

#include <QAbstractItemView>
#include <QPersistentModelIndex>

class JumpToLatestButton;

class ChatViewBase : public QAbstractItemView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatViewBase)

public:
    explicit ChatViewBase(QWidget *parent = nullptr);
    ~ChatViewBase() override;

    void setModel(QAbstractItemModel *model) override;
    QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint &point) const override;

    // "New messages" is drawn above this row (the window decides which); it follows inserts.
    void setUnreadMarker(const QModelIndex &firstUnread);
    void clearUnreadMarker();
    QModelIndex unreadMarker() const { return m_unreadMarker; }

    // Whether the latest message is in view; new rows then keep it in view.
    bool isAtBottom() const;
    // Others' messages that arrived below while scrolled up (the jump button's count).
    int newBelowCount() const { return m_newBelow; }
    JumpToLatestButton *jumpButton() const { return m_jumpButton; }
    // How many rows keep a text layout (the others only their heights).
    int laidOutRows() const;

public slots:
    // Scrolls to the latest message and follows new ones again.
    void jumpToLatest();

protected:
    struct Hit
    {
        int row = -1;
        ChatHit hit;
    };

    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &index) const override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void updateGeometries() override;
    void scrollContentsBy(int dx, int dy) override;
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

    // For ChatView.
    const ChatLines &lines() const { return m_lines; }
    // The row laid out (for the queries that need its geometry).
    const ChatLine &laidOut(int row) const;
    const ChatLineStyle &lineStyle() const { return m_style; }
    int rowY(int row) const; // a row's top in viewport coordinates
    // The row and part at a viewport point.
    Hit hitAt(const QPoint &point) const;
    // The nearest text position to a viewport point (above all rows: the first one's start).
    TextPosition positionAt(const QPoint &point) const;
    void setCurrentRow(int row);
    void setRowExpanded(int row, bool expanded);
    // Lays out the rows in view now (after a scroll or a change), keeping the anchor in place.
    void relayout() const;

    TextSelection m_selection;
    int m_hoverRow = -1;
    bool m_hoverFoldToggle = false;
    bool m_keyboardFocus = false; // the focus ring shows after keyboard navigation only

protected slots:
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void reset() override;

private:
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void rebuildStyle();
    int layoutWidth() const;
    void invalidateLayout() const;
    int contentShift() const; // rows sit at the bottom while they do not fill the viewport
    void syncUnreadRow();
    void updateJumpButton();

    mutable ChatLines m_lines;
    ChatLineStyle m_style;
    int m_generation = 0;
    mutable bool m_dirty = true;
    mutable bool m_inRelayout = false;
    mutable bool m_settingScroll = false;
    mutable bool m_relayoutQueued = false;
    QPersistentModelIndex m_unreadMarker;
    int m_newBelow = 0;
    JumpToLatestButton *m_jumpButton = nullptr;
};
