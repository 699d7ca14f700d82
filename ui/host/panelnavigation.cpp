#include "panelnavigation.h"

namespace {
// Room around an entry's title, in multiples of the font's average character width.
constexpr int HorizontalPaddingChars = 2;
} // namespace

PanelNavigation::PanelNavigation(QWidget *parent) : QListWidget(parent)
{
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setSpacing(2);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Like a tab bar: on the window's background, not a white list.
    viewport()->setAutoFillBackground(false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

PanelNavigation::~PanelNavigation() = default;

QSize PanelNavigation::entrySize(const QString &title) const
{
    const QFontMetrics metrics = fontMetrics();
    return {metrics.horizontalAdvance(title)
                + 2 * HorizontalPaddingChars * metrics.averageCharWidth(),
            metrics.height() * 3 / 2};
}

void PanelNavigation::addPanel(const QString &title)
{
    auto *item = new QListWidgetItem(title, this);
    item->setTextAlignment(Qt::AlignCenter);
    item->setSizeHint(entrySize(title));
}

void PanelNavigation::setPanelTitle(int row, const QString &title)
{
    QListWidgetItem *entry = item(row);
    if (!entry)
        return;
    entry->setText(title);
    entry->setSizeHint(entrySize(title));
    updateGeometry();
}

// The rows as QListView lays them out: left to right, each entry followed by the spacing, a new
// row when the next entry would not fit.
int PanelNavigation::heightForWidth(int width) const
{
    const int available = width - 2 * frameWidth();
    const int gap = spacing();
    int x = gap;
    int rowHeight = 0;
    int height = gap;
    for (int row = 0; row < count(); ++row) {
        const QSize size = item(row)->sizeHint();
        if (x > gap && x + size.width() + gap > available) {
            height += rowHeight + gap;
            x = gap;
            rowHeight = 0;
        }
        x += size.width() + gap;
        rowHeight = std::max(rowHeight, size.height());
    }
    return height + rowHeight + gap + 2 * frameWidth();
}

QSize PanelNavigation::sizeHint() const
{
    int width = spacing();
    for (int row = 0; row < count(); ++row)
        width += item(row)->sizeHint().width() + spacing();
    width += 2 * frameWidth();
    return {width, heightForWidth(width)};
}

QSize PanelNavigation::minimumSizeHint() const
{
    int widest = 0;
    for (int row = 0; row < count(); ++row)
        widest = std::max(widest, item(row)->sizeHint().width());
    const int width = widest + 2 * spacing() + 2 * frameWidth();
    return {width, heightForWidth(width)};
}

#include "moc_panelnavigation.cpp"
