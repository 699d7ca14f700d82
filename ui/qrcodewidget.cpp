#include "qrcodewidget.h"

#include <QKeyEvent>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace {
int modulesAcross(const QrMatrix &matrix)
{
    return matrix.size() + 2 * QrMatrix::QuietZone;
}

// The square of whole modules (quiet zone included) that fits into area, centred.
QRect squareIn(const QRect &area, const QrMatrix &matrix, int *modulePixels)
{
    const int across = modulesAcross(matrix);
    *modulePixels = matrix.isNull() ? 0 : std::min(area.width(), area.height()) / across;
    const int side = *modulePixels * across;
    return QRect(area.x() + (area.width() - side) / 2, area.y() + (area.height() - side) / 2, side,
                 side);
}
} // namespace

QrCodeWidget::QrCodeWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(u"qrCode"_s);
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setFocusPolicy(Qt::StrongFocus);
}

QrCodeWidget::~QrCodeWidget() = default;

void QrCodeWidget::setMatrix(const QrMatrix &matrix)
{
    m_matrix = matrix;
    updateGeometry();
    update();
}

void QrCodeWidget::setCaption(const QString &caption)
{
    m_caption = caption;
    update();
}

int QrCodeWidget::paint(QPainter &painter, const QRect &area, const QrMatrix &matrix)
{
    int module = 0;
    const QRect square = squareIn(area, matrix, &module);
    if (module == 0)
        return 0;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(square, Qt::white);
    const QPoint origin
        = square.topLeft() + QPoint(QrMatrix::QuietZone * module, QrMatrix::QuietZone * module);
    for (int y = 0; y < matrix.size(); ++y) {
        // Runs of dark modules in one rectangle each: fewer, seamless fills.
        int x = 0;
        while (x < matrix.size()) {
            if (!matrix.isDark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < matrix.size() && matrix.isDark(x, y))
                ++x;
            painter.fillRect(origin.x() + start * module, origin.y() + y * module,
                             (x - start) * module, module, Qt::black);
        }
    }
    painter.restore();
    return module;
}

QRect QrCodeWidget::symbolArea() const
{
    QRect area = rect();
    if (!m_caption.isEmpty())
        area.setBottom(area.bottom() - 3 * fontMetrics().height());
    return area;
}

int QrCodeWidget::modulePixels() const
{
    int module = 0;
    squareIn(symbolArea(), m_matrix, &module);
    return module;
}

QPoint QrCodeWidget::symbolOrigin() const
{
    int module = 0;
    const QRect square = squareIn(symbolArea(), m_matrix, &module);
    return square.topLeft() + QPoint(QrMatrix::QuietZone * module, QrMatrix::QuietZone * module);
}

int QrCodeWidget::sideFor(int modulePixels) const
{
    return m_matrix.isNull() ? 0 : modulesAcross(m_matrix) * modulePixels;
}

QSize QrCodeWidget::sizeHint() const
{
    const int side
        = m_matrix.isNull() ? 37 * PreferredModulePixels : sideFor(PreferredModulePixels);
    return {side, side};
}

QSize QrCodeWidget::minimumSizeHint() const
{
    const int side = m_matrix.isNull() ? 37 * MinimumModulePixels : sideFor(MinimumModulePixels);
    return {side, side};
}

int QrCodeWidget::heightForWidth(int width) const
{
    return width;
}

void QrCodeWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (isWindow())
        painter.fillRect(rect(), Qt::white);
    paint(painter, symbolArea(), m_matrix);
    if (!m_caption.isEmpty()) {
        painter.setPen(isWindow() ? QColor(Qt::black) : palette().color(QPalette::WindowText));
        const QRect captionArea(0, symbolArea().bottom(), width(),
                                height() - symbolArea().bottom());
        painter.drawText(captionArea, Qt::AlignCenter | Qt::TextWordWrap, m_caption);
    }
}

void QrCodeWidget::keyPressEvent(QKeyEvent *event)
{
    if (isWindow() && event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

void QrCodeWidget::mousePressEvent(QMouseEvent *event)
{
    if (isWindow()) {
        close();
        return;
    }
    QWidget::mousePressEvent(event);
}

#include "moc_qrcodewidget.cpp"
