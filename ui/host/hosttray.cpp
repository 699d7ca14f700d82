#include "hosttray.h"

#include "chattypes.h"
#include "windownotifier.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

HostTray::HostTray(QMainWindow *window, QAction *quitAction) : QObject(window), m_window(window)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
        m_tray->setObjectName(u"trayIcon"_s);
        m_tray->setToolTip(tr("LanChat"));
        auto *menu = new QMenu(m_window);
        menu->addAction(tr("&Show LanChat"), this, &HostTray::showWindow);
        menu->addSeparator();
        menu->addAction(quitAction);
        m_tray->setContextMenu(menu);
        connect(m_tray, &QSystemTrayIcon::activated, this,
                [this](QSystemTrayIcon::ActivationReason reason) {
                    if (reason != QSystemTrayIcon::Trigger
                        && reason != QSystemTrayIcon::DoubleClick)
                        return;
                    if (m_window->isVisible() && !m_window->isMinimized())
                        m_window->hide();
                    else
                        showWindow();
                });
        m_tray->show();
    }
    m_notifier = new WindowNotifier(m_tray, this);
    connect(m_notifier, &WindowNotifier::clicked, this, [this] {
        showWindow();
        emit notificationClicked();
    });
    updateUnread();
}

HostTray::~HostTray() = default;

bool HostTray::isVisible() const
{
    return m_tray && m_tray->isVisible();
}

void HostTray::countActivity(const ServerActivity &activity)
{
    int messages = 0;
    const ChatEvent *last = nullptr;
    for (const ChatEvent &event : activity.events) {
        if (event.kind == ChatEvent::Kind::Message && !event.fromOperator) {
            ++messages;
            last = &event;
        }
    }
    if (messages == 0 || (m_window->isVisible() && !m_window->isMinimized()))
        return;
    m_unread += messages;
    updateUnread();
    // At most one notification every few seconds, however fast messages come.
    if (!m_lastNotification.isValid() || m_lastNotification.hasExpired(5000)) {
        m_lastNotification.start();
        m_notifier->notify(u"live"_s, last->username, last->text);
    }
}

void HostTray::clearUnread()
{
    if (m_unread == 0)
        return;
    m_unread = 0;
    updateUnread();
}

void HostTray::notifyHidden()
{
    m_notifier->notify(u"hosting"_s, tr("LanChat is still hosting"),
                       tr("The server keeps running; quit from the tray menu."));
}

void HostTray::showWindow()
{
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

void HostTray::updateUnread()
{
    m_window->setWindowTitle(m_unread > 0 ? tr("(%1) LanChat — hosting").arg(m_unread)
                                          : tr("LanChat — hosting"));
    if (!m_tray)
        return;
    m_tray->setToolTip(m_unread > 0 ? tr("LanChat: %n unread message(s)", nullptr, m_unread)
                                    : tr("LanChat"));
    QIcon icon = m_window->windowIcon();
    if (m_unread > 0) {
        // The count on the icon, in the palette's highlight colours (right in light and dark).
        QPixmap pixmap = icon.pixmap(64, 64);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette palette = QApplication::palette();
        const QRectF badge(24, 24, 40, 40);
        painter.setBrush(palette.color(QPalette::Highlight));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(badge);
        QFont font = painter.font();
        font.setPixelSize(m_unread > 99 ? 16 : 24);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(palette.color(QPalette::HighlightedText));
        painter.drawText(badge, Qt::AlignCenter,
                         m_unread > 99 ? u"99+"_s : QString::number(m_unread));
        painter.end();
        icon = QIcon(pixmap);
    }
    m_tray->setIcon(icon);
}
