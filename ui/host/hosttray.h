// Lives in the GUI thread. The stand-alone operator console's (HostWindow::Role::Window) unread
// count and tray icon: participants' messages that arrive while the window is hidden or minimised
// are counted in its title and, where the system has a tray, on the icon, with at most one
// notification every few seconds. The tray's click and menu show or hide the window.
#pragma once

#include <QElapsedTimer>
#include <QObject>

struct ServerActivity;
class QAction;
class QMainWindow;
class QSystemTrayIcon;
class WindowNotifier;

class HostTray final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostTray)

public:
    // quitAction goes into the tray's menu.
    HostTray(QMainWindow *window, QAction *quitAction);
    ~HostTray() override;

    int unreadCount() const { return m_unread; }
    // Whether there is a tray icon to close the window to.
    bool isVisible() const;
    // Counts and notifies the participants' messages while the window is out of sight.
    void countActivity(const ServerActivity &activity);
    // The window is in sight again: nothing is unread.
    void clearUnread();
    // Closing hid the window: says that the server goes on.
    void notifyHidden();

signals:
    // A notification was clicked; the window is shown already.
    void notificationClicked();

private:
    void showWindow();
    void updateUnread();

    QMainWindow *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    WindowNotifier *m_notifier = nullptr;
    int m_unread = 0;
    QElapsedTimer m_lastNotification;
};
