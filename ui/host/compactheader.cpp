#include "compactheader.h"

#include <QStyle>

CompactHeader::CompactHeader(QWidget *parent) : QHeaderView(Qt::Horizontal, parent)
{
    // As QTableView's own header: a click sorts.
    setSectionsClickable(true);
    // The sorted column changes width: measure again.
    connect(this, &QHeaderView::sortIndicatorChanged, this, [this] { resizeSections(); });
}

CompactHeader::~CompactHeader() = default;

QSize CompactHeader::sectionSizeFromContents(int logicalIndex) const
{
    QSize size = QHeaderView::sectionSizeFromContents(logicalIndex);
    if (isSortIndicatorShown() && logicalIndex != sortIndicatorSection()) {
        // What QHeaderView added for the arrow: the height plus the header margin.
        const int margin = style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, this);
        size.rwidth() -= size.height() + margin;
    }
    return size;
}

#include "moc_compactheader.cpp"
