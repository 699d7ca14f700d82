// Lives in the GUI thread. A popup for choosing an emoji: the recently used ones first, then a
// tab per group, and a search field that finds emoji by name ("heart", "thumbs up"). Type to
// search, arrows to move, Enter or a click to insert (Shift keeps the popup open), Escape to
// close. The emoji are drawn with the colour emoji font when one is installed.
#pragma once

#include <QFrame>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QTabBar;

class EmojiPicker final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmojiPicker)

public:
    explicit EmojiPicker(QWidget *parent = nullptr);
    ~EmojiPicker() override;

    // Opens above the widget (below when there is no room), search field focused.
    void popUp(QWidget *anchor);
    QLineEdit *searchField() const { return m_search; }
    QListWidget *grid() const { return m_grid; }
    QTabBar *tabs() const { return m_tabs; }

signals:
    void emojiChosen(const QString &emoji);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showTab(int index);
    void showSearch(const QString &text);
    void fill(const QStringList &emoji, const QString &empty);
    void choose(QListWidgetItem *item, bool keepOpen);
    void updatePreview();

    QLineEdit *m_search = nullptr;
    QTabBar *m_tabs = nullptr;
    QListWidget *m_grid = nullptr;
    QLabel *m_preview = nullptr;
    QStringList m_tabGroups; // "" for the recent tab
};
