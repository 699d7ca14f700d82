// Lives in the GUI thread. The chat timeline as a messenger shows it (ChatViewBase draws it):
// own messages right-aligned in bubbles, consecutive messages of one sender under one header
// with a coloured name and an avatar, runs of joins and leaves as one line, day separators, a
// "New messages" divider and a jump-to-latest button. This half makes the text workable: select
// with the mouse (drag, also across messages; double-click a word, triple-click a message) or
// the keyboard, copy, open http/https/mailto links with QDesktopServices, fold long messages,
// and a context menu (Copy, Copy message text, Open link, Copy link address, Quote).
//
// Keyboard: Up/Down move between messages (Shift extends the selection over whole messages),
// Left/Right move the caret in the current message (Ctrl: by word; Shift: extend the selection),
// Home/End go to its start and end (Shift: extend), Ctrl+Home/Ctrl+End to the first and the
// latest message, Ctrl+C copies, Ctrl+A selects the current message's text, Escape clears the
// selection, Enter shows more or less of a folded message, the menu key opens the context menu
// (with the message's links).
#pragma once

#include "chatviewbase.h"

#include <QElapsedTimer>
#include <QUrl>

class DragAutoScroll;

class ChatView final : public ChatViewBase
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatView)

public:
    explicit ChatView(QWidget *parent = nullptr);
    ~ChatView() override;

    bool hasSelectedText() const { return !m_selection.isEmpty(); }
    // Exactly what is highlighted: each row's part on a line of its own.
    QString selectedText() const;
    void selectText(const QModelIndex &index, int start, int end);
    void clearTextSelection();

    // The text a row shows and lets the user select (a run's sentence for joins and leaves).
    QString rowText(const QModelIndex &index) const;
    // The header a row shows ("alice  14:05"; empty in a group's later messages) and its status
    // line ("Sending…", "Not sent: …"), as drawn.
    QString headerText(const QModelIndex &index) const;
    QString statusText(const QModelIndex &index) const;
    // Whether a join or leave is shown by the first row of its run instead of its own.
    bool isRowHidden(int row) const;
    // Whether a message shows its sender's header (the first of a group).
    bool isGroupStart(int row) const;
    bool isFoldable(const QModelIndex &index) const;
    bool isFolded(const QModelIndex &index) const;
    void setExpanded(const QModelIndex &index, bool expanded);
    // Where a cursor position of a row's text is, in viewport coordinates: the middle of its line.
    QPoint textPoint(const QModelIndex &index, int position) const;
    // The rectangle of a row's bubble (card, system line), in viewport coordinates.
    QRect contentRect(const QModelIndex &index) const;
    // Where "Show more" or "Show less" of a folding row is, in viewport coordinates.
    QRect foldToggleRect(const QModelIndex &index) const;
    // The link drawn at a viewport point; empty when there is none.
    QUrl linkAt(const QPoint &point) const;

public slots:
    // Copies the selected text to the clipboard; nothing when nothing is selected.
    void copy();

signals:
    // The user asked to quote this text (Quote in the context menu).
    void quoteRequested(const QString &text);

protected:
    bool viewportEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void updateHover(const QPoint &point);
    void dragTo(const QPoint &point);
    bool moveCaret(QKeyEvent *event);
    bool isRow(const QModelIndex &index) const;
    void toggleFold(int row);
    void openLink(const QUrl &url);
    void publishSelection();

    bool m_selecting = false;
    QPoint m_pressPos;
    QUrl m_pressedLink;
    int m_pressedToggleRow = -1;
    QElapsedTimer m_sinceDoubleClick; // a press soon after a double-click selects the message
    QPoint m_doubleClickPos;
    DragAutoScroll *m_autoScroll;
};
