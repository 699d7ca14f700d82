#include "chattypes.h"

using namespace Qt::StringLiterals;

namespace LanChat {

void registerMetaTypes()
{
    qRegisterMetaType<ChatEvent>();
    qRegisterMetaType<ClientInfo>();
    qRegisterMetaType<ServerConfig>();
    qRegisterMetaType<ServerStatus>();
    qRegisterMetaType<ServerActivity>();
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
    }
    return {};
}

} // namespace LanChat
