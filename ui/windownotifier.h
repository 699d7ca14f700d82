// Lives in the GUI thread. A window's notifications: through the desktop's notification service
// (DesktopNotifier), or as a balloon of the window's tray icon where there is no such service.
// clicked() when the user clicks either.
#pragma once

#include <QObject>

class DesktopNotifier;
class QSystemTrayIcon;

class WindowNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowNotifier)

public:
    static constexpr int BalloonMs = 5000;

    // tray may be null (no system tray): then only the notification service shows anything.
    explicit WindowNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);
    ~WindowNotifier() override;

    // tag: notifications with the same tag replace each other. Plain text; never markup. sound:
    // the service plays the message sound (the tray's balloon: the system bell).
    void notify(const QString &tag, const QString &title, const QString &body, bool sound = false);

signals:
    void clicked();

private:
    DesktopNotifier *m_notifier = nullptr;
};
