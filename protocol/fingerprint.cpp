#include "fingerprint.h"

namespace Fingerprint {

QString fromSha256(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

QString normalized(const QString &fingerprint)
{
    QString hex = fingerprint.trimmed();
    hex.remove(u':');
    const QByteArray bytes = QByteArray::fromHex(hex.toLatin1());
    // fromHex skips what is not hex: compare the lengths to refuse anything else.
    if (bytes.size() != 32 || hex.size() != 64
        || QString::fromLatin1(bytes.toHex()) != hex.toLower())
        return {};
    return fromSha256(bytes);
}

} // namespace Fingerprint
