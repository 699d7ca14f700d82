// Lives in the GUI thread. The round button over the bottom of the chat view while it is
// scrolled up: an arrow down, with the number of messages that arrived below ("3 new").
#pragma once

#include <QAbstractButton>
#include <QColor>

class JumpToLatestButton final : public QAbstractButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JumpToLatestButton)

public:
    explicit JumpToLatestButton(QWidget *parent = nullptr);
    ~JumpToLatestButton() override;

    void setCount(int count);
    int count() const { return m_count; }
    void setColors(const QColor &background, const QColor &foreground);
    // Shows count in the bottom right corner of area (margin inside it), above its siblings;
    // or hides.
    void placeIn(const QRect &area, int margin, int count, bool shown);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString label() const;
    int m_count = 0;
    QColor m_background;
    QColor m_foreground;
};
