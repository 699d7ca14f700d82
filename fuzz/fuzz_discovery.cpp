// Fuzzes what discovery reads from the network: a TXT record of `_lanchat._tcp`
// (ServiceTxt::parse; the input's lines are its strings) and a GET /api/health answer
// (NetworkScanner::parseHealth; the whole input as the body).
#include "certificatepins.h"
#include "discoveredhost.h"
#include "fingerprint.h"
#include "fuzzcheck.h"
#include "networkscanner.h"
#include "servicetxt.h"

#include <QByteArray>
#include <QList>

namespace {
bool isClean(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            const QChar::Category category
                = QChar::category(QChar::surrogateToUcs4(c, text.at(++i)));
            if (category == QChar::Other_Format || category == QChar::Other_NotAssigned)
                return false;
            continue;
        }
        if (c.isSurrogate() || c.category() == QChar::Other_Control
            || c.category() == QChar::Other_Format)
            return false;
    }
    return text == text.trimmed();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const ServiceTxtInfo info = ServiceTxt::parse(bytes.split('\n'));
    FUZZ_CHECK(info.valid == (info.version > 0));
    FUZZ_CHECK(isClean(info.name));
    FUZZ_CHECK(info.name.toUtf8().size() <= ServiceTxt::MaxStringBytes);
    FUZZ_CHECK(info.fingerprint.isEmpty()
               || (info.tls && Fingerprint::normalized(info.fingerprint) == info.fingerprint));
    if (info.valid) {
        // What was read is announced again within the limits and reads back the same.
        ServiceAnnouncement again;
        again.name = info.name;
        again.tls = info.tls;
        again.fingerprint = info.fingerprint;
        again.version = info.version;
        const QList<QByteArray> strings = ServiceTxt::encode(again);
        for (const QByteArray &string : strings)
            FUZZ_CHECK(string.size() <= ServiceTxt::MaxStringBytes);
        const ServiceTxtInfo reread = ServiceTxt::parse(strings);
        FUZZ_CHECK(reread.valid && reread.version == info.version && reread.tls == info.tls);
        FUZZ_CHECK(reread.fingerprint == info.fingerprint);
        FUZZ_CHECK(reread.name
                   == ServiceTxt::truncatedUtf8(info.name, ServiceTxt::MaxStringBytes - 5));
    }

    DiscoveredHost host;
    if (NetworkScanner::parseHealth(bytes, &host)) {
        FUZZ_CHECK(host.version >= 1);
        FUZZ_CHECK(isClean(host.name));
        FUZZ_CHECK(host.source == DiscoveredHost::Source::Scan);
    }
    return 0;
}
