// Lives in the GUI thread. Paints a QR code (QrMatrix) with QPainter: black modules of a whole
// number of pixels each on white, with the four-module quiet zone, centred and as large as the
// widget allows; always dark on light, whatever the palette, because readers expect that. As a
// window of its own (showFullScreen) it closes on Escape or a click.
#pragma once

#include "qrmatrix.h"

#include <QWidget>

class QrCodeWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QrCodeWidget)

public:
    // Small enough for a side panel, large enough for a phone camera at arm's length.
    static constexpr int PreferredModulePixels = 6;
    static constexpr int MinimumModulePixels = 4;

    explicit QrCodeWidget(QWidget *parent = nullptr);
    ~QrCodeWidget() override;

    void setMatrix(const QrMatrix &matrix);
    QrMatrix matrix() const { return m_matrix; }
    // A line under the symbol (full screen: which link it is).
    void setCaption(const QString &caption);

    // The size of one module in pixels and the symbol's top-left corner, as painted now.
    int modulePixels() const;
    QPoint symbolOrigin() const;
    // Paints the symbol with its quiet zone into the largest square of whole modules that fits
    // into area; returns the module size in pixels (0: nothing painted).
    static int paint(QPainter &painter, const QRect &area, const QrMatrix &matrix);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // Square, while the size policy asks for height-for-width (the constructor's does; a fixed
    // policy, as in the operator's status panel, turns it off so the code keeps its hint).
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QRect symbolArea() const;
    int sideFor(int modulePixels) const;

    QrMatrix m_matrix;
    QString m_caption;
};
