// Lives in the GUI thread (reads the rows' layouts). Where the keyboard moves the chat view's
// caret: Up/Down to the previous or next message (with Shift to the start of the one above or
// the end of the one below, extending the selection), Left/Right by character or, with Ctrl, by
// word, Home/End to the start or end of the message, Ctrl+Home/Ctrl+End to the first or latest.
#pragma once

#include "textselection.h"

#include <Qt>

#include <functional>
#include <optional>

class ChatLine;
class ChatLines;

namespace ChatKeyboard {

enum class Scroll { ToRow, ToTop, ToLatest };

struct Move
{
    TextPosition to;
    bool extend = false; // the selection follows the caret (Shift)
    Scroll scroll = Scroll::ToRow;
};

// A row laid out, for cursor positions.
using LaidOut = std::function<const ChatLine &(int row)>;

bool isNavigationKey(int key);
// The caret's move for a navigation key; nothing for other keys. The caret is in a row that is
// not hidden.
std::optional<Move> move(int key, Qt::KeyboardModifiers modifiers, TextPosition caret,
                         const ChatLines &lines, const LaidOut &laidOut);

} // namespace ChatKeyboard
