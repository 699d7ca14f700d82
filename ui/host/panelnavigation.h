// Lives in the GUI thread. The operator console's panels by name, as a list that wraps into as
// many rows as its width needs: in a narrow dock every entry stays in sight (no scroll arrows,
// no menu of hidden tabs). The arrow keys, Home and End move between the entries; the current
// one is highlighted, and currentRowChanged() says which panel to show.
#pragma once

#include <QListWidget>

class PanelNavigation final : public QListWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PanelNavigation)

public:
    explicit PanelNavigation(QWidget *parent = nullptr);
    ~PanelNavigation() override;

    void addPanel(const QString &title);
    void setPanelTitle(int row, const QString &title);

    bool hasHeightForWidth() const override { return true; }
    // The height of the rows the entries wrap into at that width.
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    QSize entrySize(const QString &title) const;
};
