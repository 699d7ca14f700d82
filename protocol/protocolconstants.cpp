#include "protocolconstants.h"

namespace Protocol {

ErrorInfo errorInfo(QStringView code)
{
    for (const ErrorInfo &info : Errors) {
        if (code == info.code)
            return info;
    }
    return {};
}

} // namespace Protocol

namespace Protocol {

bool isValidRoomName(QStringView name)
{
    if (name.isEmpty() || name.size() > Limits::MaxRoomNameLength)
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'-' || u == u'_'))
            return false;
    }
    return true;
}

} // namespace Protocol
