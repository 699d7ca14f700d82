// Lives in the GUI thread. Lays out one chat row for a ChatLineStyle: the bubble of a message
// (header with name and time, avatar, text, "Show more", status line), the card of an
// announcement or the centred line of a run of joins and leaves or a kick, with the day
// separator and the unread divider above; the text as a QTextLayout of plain text with format
// ranges. Also estimates a row's height cheaply, without shaping any text.
#pragma once

#include "chatline.h"

#include <QCoreApplication>

#include <memory>

struct ChatLineGeometry;
struct ChatLineStyle;

class ChatLineLayouter final
{
    Q_DECLARE_TR_FUNCTIONS(ChatLineLayouter)

public:
    struct Result
    {
        std::unique_ptr<ChatLineGeometry> geometry;
        int height = 0;
        bool foldable = false;
        int visibleLength = -1; // characters shown while folded; -1: all
    };

    // text: what the row shows (ChatLine::text()).
    static Result layout(const ChatRowData &data, const ChatRowContext &context,
                         const QString &text, bool expanded, const ChatLineStyle &style);
    static int estimate(const ChatRowData &data, const ChatRowContext &context, bool expanded,
                        const ChatLineStyle &style);

private:
    ChatLineLayouter(const ChatRowData &data, const ChatRowContext &context, QString text,
                     bool expanded);
    int run(const ChatLineStyle &style);
    void layoutMessage(const ChatLineStyle &style, qreal y);
    void layoutCard(const ChatLineStyle &style, qreal y);
    void layoutSystem(const ChatLineStyle &style, qreal y);
    void layoutText(const ChatLineStyle &style, int width, bool emojiOnly, bool system);
    void prepareStaticTexts(const ChatLineStyle &style);

    const ChatRowData &m_data;
    const ChatRowContext &m_context;
    const QString m_text;
    const bool m_expanded;
    std::unique_ptr<ChatLineGeometry> m_layout;
    bool m_foldable = false;
    int m_visibleLength = -1;
};
