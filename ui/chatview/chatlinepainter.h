// Lives in the GUI thread. Paints a laid-out ChatLine with the colours of its ChatLineStyle:
// bubbles, cards and system lines, the avatar and header, the text with the selection, the day
// separator and the "New messages" divider.
#pragma once

#include <QCoreApplication>

class ChatLine;
struct ChatLineStyle;
class QPainter;

// How to paint a row beyond its data: selection, keyboard caret, focus, hover.
struct ChatLinePaintState
{
    int selectionStart = -1; // in the row's text; -1: nothing selected here
    int selectionEnd = -1;
    int caret = -1; // the keyboard's position in the current row; drawn when ≥ 0
    bool current = false; // the keyboard's current row while the view has focus
    bool hovered = false;
    bool hoveredFoldToggle = false;
};

class ChatLinePainter final
{
    Q_DECLARE_TR_FUNCTIONS(ChatLinePainter)

public:
    // In row coordinates: translate the painter to the row's top left first.
    static void paint(QPainter *painter, const ChatLine &line, const ChatLineStyle &style,
                      const ChatLinePaintState &state);
};
