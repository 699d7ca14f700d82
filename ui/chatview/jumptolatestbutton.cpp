#include "jumptolatestbutton.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

using namespace Qt::StringLiterals;

JumpToLatestButton::JumpToLatestButton(QWidget *parent) : QAbstractButton(parent)
{
    setObjectName(u"jumpToLatestButton"_s);
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::NoFocus); // Ctrl+End does the same from the keyboard
    setToolTip(tr("Jump to the latest message (Ctrl+End)"));
    setAccessibleName(tr("Jump to the latest message"));
    setCount(0);
}

JumpToLatestButton::~JumpToLatestButton() = default;

void JumpToLatestButton::setCount(int count)
{
    m_count = std::max(count, 0);
    setText(label());
    setAccessibleDescription(m_count > 0 ? tr("%n new message(s)", nullptr, m_count) : QString());
    resize(sizeHint());
    update();
}

void JumpToLatestButton::setColors(const QColor &background, const QColor &foreground)
{
    m_background = background;
    m_foreground = foreground;
    update();
}

void JumpToLatestButton::placeIn(const QRect &area, int margin, int count, bool shown)
{
    setCount(count);
    move(area.right() - width() - margin, area.bottom() - height() - margin);
    setVisible(shown);
    if (shown)
        raise();
}

QString JumpToLatestButton::label() const
{
    return m_count > 0 ? tr("%n new", nullptr, m_count) : QString();
}

QSize JumpToLatestButton::sizeHint() const
{
    const QFontMetrics metrics(font());
    const int height = int(std::lround(metrics.height() * 2.2));
    if (m_count == 0)
        return {height, height};
    return {height + metrics.horizontalAdvance(label()) + metrics.height() / 2, height};
}

void JumpToLatestButton::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(rect()).adjusted(1, 1, -1, -1);
    const qreal radius = box.height() / 2;
    painter.setPen(QPen(QColor(0, 0, 0, isDown() ? 90 : 50), 1));
    painter.setBrush(underMouse() ? m_background.lighter(112) : m_background);
    painter.drawRoundedRect(box, radius, radius);

    // An arrow pointing down, in a square at the left end.
    const qreal side = box.height();
    const QPointF centre(box.left() + side / 2, box.center().y());
    const qreal size = side * 0.22;
    QPainterPath arrow;
    arrow.moveTo(centre + QPointF(0, -size * 1.2));
    arrow.lineTo(centre + QPointF(0, size * 1.1));
    arrow.moveTo(centre + QPointF(-size, size * 0.1));
    arrow.lineTo(centre + QPointF(0, size * 1.1));
    arrow.lineTo(centre + QPointF(size, size * 0.1));
    painter.setPen(QPen(m_foreground, std::max<qreal>(1.6, side / 14), Qt::SolidLine, Qt::RoundCap,
                        Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(arrow);
    if (m_count > 0) {
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.drawText(
            QRectF(box.left() + side * 0.85, box.top(), box.width() - side, box.height()),
            Qt::AlignLeft | Qt::AlignVCenter, label());
    }
}

#include "moc_jumptolatestbutton.cpp"
