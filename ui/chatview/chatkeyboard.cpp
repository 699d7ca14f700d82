#include "chatkeyboard.h"

#include "chatlines.h"

namespace ChatKeyboard {

bool isNavigationKey(int key)
{
    switch (key) {
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Home:
    case Qt::Key_End:
        return true;
    default:
        return false;
    }
}

std::optional<Move> move(int key, Qt::KeyboardModifiers modifiers, TextPosition caret,
                         const ChatLines &lines, const LaidOut &laidOut)
{
    if (!isNavigationKey(key) || !caret.isValid() || caret.row >= lines.count())
        return std::nullopt;
    Move result;
    result.extend = modifiers & Qt::ShiftModifier;
    const bool control = modifiers & Qt::ControlModifier;
    const ChatLine &here = laidOut(caret.row);
    switch (key) {
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const bool up = key == Qt::Key_Up;
        const int row = lines.adjacentRow(caret.row, up ? -1 : 1);
        result.to = {row, result.extend && !up ? laidOut(row).selectableLength() : 0};
        break;
    }
    case Qt::Key_Left:
        result.to = {caret.row, here.previousCursorPosition(caret.offset, control)};
        break;
    case Qt::Key_Right:
        result.to = {caret.row, here.nextCursorPosition(caret.offset, control)};
        break;
    default: { // Home, End
        const bool home = key == Qt::Key_Home;
        if (control) {
            const int row = home ? lines.adjacentRow(-1, 1) : lines.adjacentRow(lines.count(), -1);
            result.to = {row, result.extend && !home ? laidOut(row).selectableLength() : 0};
            result.scroll = home ? Scroll::ToTop : Scroll::ToLatest;
        } else {
            result.to = {caret.row, home ? 0 : here.selectableLength()};
        }
        break;
    }
    }
    return result;
}

} // namespace ChatKeyboard
