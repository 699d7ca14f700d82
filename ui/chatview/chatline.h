// Lives in the GUI thread. One row of the chat view: the row's data copied from the model, where
// it stands among its neighbours (first of a group, hidden in a run of joins and leaves…), and
// its layout for the current ChatLineStyle: a QTextLayout of the plain text with format ranges
// for links, mentions and emoji, and the rectangles of the bubble, header, avatar and
// decorations. It paints itself and answers what is at a point. Nothing here is ever markup.
#pragma once

#include "chatlinks.h"
#include "chatviewroles.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QRectF>
#include <QString>

#include <memory>

struct ChatLineGeometry;
struct ChatLineStyle;
class QModelIndex;

// A row's data as the view reads it from the model (ChatViewRole).
struct ChatRowData
{
    static ChatRowData fromIndex(const QModelIndex &index);

    ChatRowKind kind = ChatRowKind::Message;
    ChatDelivery delivery = ChatDelivery::Delivered;
    QString sender;
    QString text;
    QString reason;
    QDateTime time;
    QList<int> mentionRanges;
    bool own = false;
    bool mention = false;
    bool dayStart = false;
    int newlines = 0; // for the height estimate
};

// Where a row stands among its neighbours; decided by ChatLines.
struct ChatRowContext
{
    bool groupStart = true; // draws the header (and the avatar) above the bubble
    bool hidden = false; // a join or leave shown by the first row of its run
    bool unreadAbove = false; // the "New messages" divider is drawn above the row
    QString summary; // the first row of a run of joins and leaves: the run's sentence
    QString summaryDetails; // …and its events for the tooltip
    QDateTime summaryTime; // …and the time of its latest event

    bool operator==(const ChatRowContext &other) const;
    bool operator!=(const ChatRowContext &other) const { return !(*this == other); }
};

// What is at a point of a row.
struct ChatHit
{
    enum class Part { None, Text, Link, FoldToggle, Avatar, Name, Time, Status };
    Part part = Part::None;
    int textPosition = -1; // the nearest cursor position in the row's text (for selecting)
    int character = -1; // the character under the point (for selecting a word)
    QUrl url; // Part::Link
    QString toolTip; // plain text
};

class ChatLine final
{
    Q_DECLARE_TR_FUNCTIONS(ChatLine)

public:
    ChatLine();
    explicit ChatLine(ChatRowData data);
    ~ChatLine();
    ChatLine(ChatLine &&other) noexcept;
    ChatLine &operator=(ChatLine &&other) noexcept;
    ChatLine(const ChatLine &) = delete;
    ChatLine &operator=(const ChatLine &) = delete;

    const ChatRowData &data() const { return m_data; }
    void setData(ChatRowData data);
    const ChatRowContext &context() const { return m_context; }
    void setContext(ChatRowContext context);
    bool isPresence() const;
    bool isFoldable() const { return m_foldable; }
    bool isExpanded() const { return m_expanded; }
    void setExpanded(bool expanded);

    // The text the row shows and lets the user select: a message's or announcement's text, the
    // sentence of a run of joins and leaves or of a kick.
    QString text() const;
    // How much of text() can be selected: less than all of it while the row is folded.
    int selectableLength() const;
    // The links in text() (messages and announcements only).
    QList<ChatLinks::Link> links() const;

    // The height: exact when laid out for the style's generation, else an estimate.
    int height() const { return m_height; }
    bool isExact(int generation) const { return m_generation == generation && m_layout; }
    bool hasExactHeight(int generation) const { return m_generation == generation; }
    // Lays the row out (when not done for this generation); returns whether the height changed.
    bool layout(const ChatLineStyle &style);
    // A cheap height for a row that is not laid out (no text shaping).
    void estimate(const ChatLineStyle &style);
    void invalidate() { m_generation = m_estimateGeneration = -1; }
    // Frees the text layout (the height stays known); layout() builds it again when needed.
    void releaseLayout();
    bool hasLayout() const { return m_layout != nullptr; }

    // The laid-out parts (null when not laid out), for ChatLinePainter.
    const ChatLineGeometry *geometry() const { return m_layout.get(); }
    // In row coordinates (0, 0 is the row's top left); the row must be laid out.
    ChatHit hitTest(const QPointF &point, const ChatLineStyle &style) const;
    // Where the cursor position of the text is: the top of its line and the line's height.
    QRectF cursorRect(int position) const;
    // The rectangle of the bubble (or card, or system line).
    QRectF contentRect() const;
    // Cursor movement inside the text (graphemes and words), for the keyboard.
    int nextCursorPosition(int position, bool word) const;
    int previousCursorPosition(int position, bool word) const;

private:
    ChatRowData m_data;
    ChatRowContext m_context;
    std::unique_ptr<ChatLineGeometry> m_layout;
    int m_height = 0;
    int m_generation = -1; // of the style the height is exact for
    int m_estimateGeneration = -1; // of the style the estimate was made for
    int m_visibleLength = -1; // characters shown while folded; -1: all
    bool m_foldable = false;
    bool m_expanded = false;
};
