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
