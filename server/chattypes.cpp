#include "chattypes.h"

#include <QHostInfo>

#include <utility>

using namespace Qt::StringLiterals;

namespace LanChat {

QString defaultServerName()
{
    return u"LanChat on "_s + QHostInfo::localHostName();
}

void registerMetaTypes()
{
    qRegisterMetaType<ChatEvent>();
    qRegisterMetaType<ClientInfo>();
    qRegisterMetaType<ServerConfig>();
    qRegisterMetaType<ServerStatus>();
    qRegisterMetaType<ServerActivity>();
    qRegisterMetaType<BanInfo>();
    qRegisterMetaType<BanRequest>();
    qRegisterMetaType<ModerationRecord>();
    qRegisterMetaType<Registration>();
    qRegisterMetaType<RegisteredName>();
    qRegisterMetaType<QList<RegisteredName>>();
    qRegisterMetaType<PendingEvent>();
    qRegisterMetaType<StoredEvent>();
    qRegisterMetaType<HistoryQuery>();
    qRegisterMetaType<HistoryPage>();
    qRegisterMetaType<RoomInfo>();
    qRegisterMetaType<DirectPartner>();
    qRegisterMetaType<RoomSummary>();
    qRegisterMetaType<QList<RoomSummary>>();
    qRegisterMetaType<DirectStats>();
    qRegisterMetaType<ClientId>("ClientId");
}

QString kindName(ChatEvent::Kind kind)
{
    switch (kind) {
    case ChatEvent::Kind::Message:
        return u"message"_s;
    case ChatEvent::Kind::Join:
        return u"join"_s;
    case ChatEvent::Kind::Leave:
        return u"leave"_s;
    case ChatEvent::Kind::Kick:
        return u"kick"_s;
    case ChatEvent::Kind::Announcement:
        return u"announcement"_s;
    case ChatEvent::Kind::Topic:
        return u"topic"_s;
    }
    return {};
}

namespace {
constexpr std::pair<ModerationRecord::Action, const char16_t *> actionNames[] = {
    {ModerationRecord::Action::Kick, u"kick"},
    {ModerationRecord::Action::Ban, u"ban"},
    {ModerationRecord::Action::Unban, u"unban"},
    {ModerationRecord::Action::Mute, u"mute"},
    {ModerationRecord::Action::Unmute, u"unmute"},
    {ModerationRecord::Action::Block, u"block"},
    {ModerationRecord::Action::Drop, u"drop"},
    {ModerationRecord::Action::Release, u"release"},
    {ModerationRecord::Action::RoomCreate, u"room_create"},
    {ModerationRecord::Action::RoomDelete, u"room_delete"},
    {ModerationRecord::Action::RoomLock, u"room_lock"},
    {ModerationRecord::Action::RoomUnlock, u"room_unlock"},
    {ModerationRecord::Action::RoomTopic, u"room_topic"},
    {ModerationRecord::Action::RoomKick, u"room_kick"},
};
} // namespace

QString actionName(ModerationRecord::Action action)
{
    for (const auto &[value, name] : actionNames) {
        if (value == action)
            return QString::fromUtf16(name);
    }
    return {};
}

bool actionFromName(const QString &name, ModerationRecord::Action *action)
{
    for (const auto &[value, text] : actionNames) {
        if (name == QStringView(text)) {
            *action = value;
            return true;
        }
    }
    return false;
}

} // namespace LanChat
