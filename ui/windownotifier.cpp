#include "windownotifier.h"

#include "desktopnotifier.h"

#include <QPointer>
#include <QSystemTrayIcon>

WindowNotifier::WindowNotifier(QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent), m_notifier(new DesktopNotifier(this))
{
    // Qt's own balloon shows its text as plain text.
    m_notifier->setFallback([tray = QPointer<QSystemTrayIcon>(tray)](
                                const DesktopNotifier::Notification &notification) {
        if (tray)
            tray->showMessage(notification.title, notification.body, QSystemTrayIcon::Information,
                              BalloonMs);
    });
    connect(m_notifier, &DesktopNotifier::activated, this, &WindowNotifier::clicked);
    if (tray)
        connect(tray, &QSystemTrayIcon::messageClicked, this, &WindowNotifier::clicked);
}

WindowNotifier::~WindowNotifier() = default;

void WindowNotifier::notify(const QString &tag, const QString &title, const QString &body)
{
    m_notifier->notify({tag, title, body});
}
