// Lives in the GUI thread. Shows notifications through the desktop's notification service
// (org.freedesktop.Notifications over D-Bus, Desktop Notifications Specification 1.2): the
// title as summary, the text as body (always escaped: many servers render body markup), the
// application's icon and desktop entry, and a default action. A later notification with the
// same tag replaces the earlier one. Where the service is missing (no session bus, nothing owns
// the name, the call fails) the fallback given by the window shows it instead (the tray
// balloon). activated() tells which notification the user clicked, from either path.
#pragma once

#include <QDBusConnection>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

class DesktopNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopNotifier)

public:
    struct Notification
    {
        QString tag; // what to open when clicked; equal tags replace each other
        QString title; // plain text, e.g. the sender
        QString body; // plain text, e.g. the message
        // Ask the service to play the sound theme's message sound; otherwise to stay silent.
        bool sound = false;
    };

    static constexpr auto Service = "org.freedesktop.Notifications";
    static constexpr auto Path = "/org/freedesktop/Notifications";
    static constexpr auto Interface = "org.freedesktop.Notifications";
    // The action invoked by clicking the notification itself.
    static constexpr auto DefaultAction = "default";
    static constexpr int MaxBodyLength = 200;
    static constexpr auto SoundNameHint = "sound-name";
    static constexpr auto SuppressSoundHint = "suppress-sound";
    // The sound theme's name for an incoming instant message.
    static constexpr auto MessageSoundName = "message-new-instant";

    // On the session bus (DBUS_SESSION_BUS_ADDRESS).
    explicit DesktopNotifier(QObject *parent = nullptr);
    DesktopNotifier(const QDBusConnection &bus, QObject *parent);
    ~DesktopNotifier() override;

    void setFallback(std::function<void(const Notification &)> fallback);
    void notify(const Notification &notification);

    // The body as a notification server that renders markup shows plain text: &, < and >
    // escaped, control characters (but line breaks and tabs) dropped, at most MaxBodyLength
    // characters (with an ellipsis when cut).
    static QString bodyText(const QString &text);
    // The summary is never markup (the specification); control characters are dropped all the
    // same.
    static QString summaryText(const QString &text);

signals:
    void activated(const QString &tag);

private slots:
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    void showFallback(const Notification &notification);

    QDBusConnection m_bus;
    std::function<void(const Notification &)> m_fallback;
    QHash<uint, QString> m_tagById; // notifications shown and not closed yet
    QHash<QString, uint> m_idByTag;
};
