#include "windownotifier.h"

#include "desktopnotifier.h"
#include "safetext.h"

#include <QApplication>
#include <QPointer>
#include <QSystemTrayIcon>

WindowNotifier::WindowNotifier(QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent), m_notifier(new DesktopNotifier(this))
{
    // Qt's own balloon is a label that guesses between plain and rich text: peer text (the
    // sender in the title, the message) goes only into the body, escaped (SafeText).
    m_notifier->setFallback([tray = QPointer<QSystemTrayIcon>(tray)](
                                const DesktopNotifier::Notification &notification) {
        if (notification.sound) // a balloon has no sound of its own
            QApplication::beep();
        if (tray)
            tray->showMessage(
                QApplication::applicationDisplayName(),
                SafeText::notificationBody(notification.title,
                                           notification.body.left(DesktopNotifier::MaxBodyLength)),
                QSystemTrayIcon::Information, BalloonMs);
    });
    connect(m_notifier, &DesktopNotifier::activated, this, &WindowNotifier::clicked);
    if (tray)
        connect(tray, &QSystemTrayIcon::messageClicked, this, &WindowNotifier::clicked);
}

WindowNotifier::~WindowNotifier() = default;

void WindowNotifier::notify(const QString &tag, const QString &title, const QString &body,
                            bool sound)
{
    m_notifier->notify({tag, title, body, sound});
}

#include "moc_windownotifier.cpp"
