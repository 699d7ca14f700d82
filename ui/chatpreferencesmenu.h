// Lives in the GUI thread. The chat window's Settings menu: notifications and their sound, the
// chat's text size and the colour theme, each kept in its typed setting (settings/) and applied at
// once. Which widgets the text size applies to is the window's choice (setTextSizeTargets).
#pragma once

#include <QFont>
#include <QList>
#include <QMenu>
#include <QPointer>

class QAction;

class ChatPreferencesMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatPreferencesMenu)

public:
    // Steps of one point each from the system's text size.
    static constexpr int MinTextSizeStep = -3;
    static constexpr int MaxTextSizeStep = 12;

    explicit ChatPreferencesMenu(QWidget *parent = nullptr);
    ~ChatPreferencesMenu() override;

    bool notificationsEnabled() const;
    // Only meaningful while notifications are on.
    bool soundEnabled() const;
    int textSizeStep() const { return m_textSizeStep; }

    // The widgets whose font follows the text size (the message view, the input): each keeps its
    // own font, grown or shrunk by the step, now and on every change.
    void setTextSizeTargets(const QList<QWidget *> &targets);

    QAction *notificationsAction() const { return m_notifications; }
    QAction *soundAction() const { return m_sound; }
    QAction *largerTextAction() const { return m_larger; }
    QAction *smallerTextAction() const { return m_smaller; }
    QAction *defaultTextSizeAction() const { return m_defaultSize; }

private:
    void addThemeMenu();
    void setTextSizeStep(int step);
    void applyTextSize();

    QAction *m_notifications = nullptr;
    QAction *m_sound = nullptr;
    QAction *m_larger = nullptr;
    QAction *m_smaller = nullptr;
    QAction *m_defaultSize = nullptr;
    int m_textSizeStep = 0;
    struct Target
    {
        QPointer<QWidget> widget;
        QFont baseFont; // its font at step 0
    };
    QList<Target> m_targets;
};
