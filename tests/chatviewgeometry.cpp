#include "chatviewgeometry.h"

#include "chatview/chatview.h"

using namespace Qt::StringLiterals;

namespace {
// Each row on screen is as tall as in a view laid out afresh at this size.
QString heightProblem(ChatView &view)
{
    ChatView fresh;
    fresh.setModel(view.model());
    fresh.setFont(view.font());
    fresh.setUnreadMarker(view.unreadMarker());
    fresh.resize(view.size());
    fresh.show();
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        const QModelIndex index = view.model()->index(row, 0);
        fresh.setExpanded(index, view.isFoldable(index) && !view.isFolded(index));
    }
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        const QModelIndex index = view.model()->index(row, 0);
        const QRect rect = view.visualRect(index);
        if (rect.isEmpty() || !rect.intersects(view.viewport()->rect()))
            continue;
        fresh.scrollTo(index);
        if (fresh.visualRect(index).height() != rect.height())
            return u"row %1 is %2 high, laid out afresh %3"_s.arg(row)
                .arg(rect.height())
                .arg(fresh.visualRect(index).height());
    }
    return {};
}
} // namespace

QString chatViewGeometryProblem(ChatView &view)
{
    QRect previous;
    int shown = 0;
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        const QModelIndex index = view.model()->index(row, 0);
        const QRect rect = view.visualRect(index);
        if (rect.isEmpty()) {
            if (!view.isRowHidden(row))
                return u"row %1 has no rectangle"_s.arg(row);
            continue;
        }
        if (!previous.isNull() && rect.top() != previous.bottom() + 1)
            return u"row %1 starts at %2, the one above ends at %3"_s.arg(row)
                .arg(rect.top())
                .arg(previous.bottom());
        if (rect.width() != view.viewport()->width())
            return u"row %1 is %2 wide in a viewport of %3"_s.arg(row)
                .arg(rect.width())
                .arg(view.viewport()->width());
        if (rect.intersects(view.viewport()->rect())) {
            if (!rect.contains(view.contentRect(index)))
                return u"row %1 draws outside its rectangle"_s.arg(row);
            ++shown;
        }
        previous = rect;
    }
    if (shown == 0 && view.model()->rowCount() > 0)
        return u"nothing on screen"_s;
    return heightProblem(view);
}
