#include "servicetxt.h"

#include "certificatepins.h"
#include "fingerprint.h"

using namespace Qt::StringLiterals;

namespace {
QByteArray entry(const QByteArray &key, const QByteArray &value)
{
    return key + '=' + value;
}
} // namespace

bool ServiceAnnouncement::operator==(const ServiceAnnouncement &other) const
{
    return name == other.name && port == other.port && tls == other.tls
           && fingerprint == other.fingerprint && version == other.version
           && interfaceIndex == other.interfaceIndex && protocol == other.protocol;
}

QList<QByteArray> ServiceTxt::encode(const ServiceAnnouncement &announcement)
{
    QList<QByteArray> strings;
    strings << entry("v", QByteArray::number(announcement.version));
    const QString name = truncatedUtf8(cleanText(announcement.name), MaxStringBytes - 5);
    if (!name.isEmpty())
        strings << entry("name", name.toUtf8());
    strings << entry("tls", announcement.tls ? "1" : "0");
    const QString fingerprint = Fingerprint::normalized(announcement.fingerprint);
    if (announcement.tls && !fingerprint.isEmpty())
        strings << entry("fp", fingerprint.toLatin1());
    return strings;
}

QList<QByteArray> ServiceTxt::encodeHttp()
{
    return {entry("path", "/")};
}

ServiceTxtInfo ServiceTxt::parse(const QList<QByteArray> &strings)
{
    ServiceTxtInfo info;
    QList<QByteArray> seen;
    QByteArray fingerprint;
    bool hasTls = false;
    for (const QByteArray &string : strings) {
        if (string.isEmpty() || string.size() > MaxStringBytes)
            continue;
        const qsizetype equals = string.indexOf('=');
        // A key is printable US-ASCII other than '=' (RFC 6763, 6.4); "key" alone is a boolean
        // attribute, which LanChat does not use.
        const QByteArray key = (equals < 0 ? string : string.left(equals)).toLower();
        if (key.isEmpty() || seen.contains(key))
            continue;
        seen << key;
        if (equals < 0)
            continue;
        const QByteArray value = string.mid(equals + 1);
        if (key == "v") {
            bool ok = false;
            const int version = value.toInt(&ok);
            if (ok && version > 0 && value == QByteArray::number(version)) {
                info.version = version;
                info.valid = true;
            }
        } else if (key == "name") {
            info.name = truncatedUtf8(cleanText(value), MaxStringBytes);
        } else if (key == "tls") {
            info.tls = value == "1";
            hasTls = true;
        } else if (key == "fp") {
            fingerprint = value;
        }
    }
    if (hasTls && info.tls)
        info.fingerprint = Fingerprint::normalized(QString::fromLatin1(fingerprint));
    return info;
}

QString ServiceTxt::cleanText(const QString &text)
{
    QString clean;
    clean.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            const char32_t code = QChar::surrogateToUcs4(c, text.at(i + 1));
            const QChar::Category category = QChar::category(code);
            if (category != QChar::Other_Format && category != QChar::Other_NotAssigned)
                clean += QStringView(text).mid(i, 2);
            ++i;
            continue;
        }
        if (c.isSurrogate()) {
            clean += QChar::ReplacementCharacter;
            continue;
        }
        switch (c.category()) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Other_NotAssigned:
            if (c == u'\t' || c == u'\n' || c == u'\r')
                clean += u' ';
            break;
        default:
            clean += c;
        }
    }
    return clean.simplified();
}

QString ServiceTxt::cleanText(const QByteArray &utf8)
{
    return cleanText(QString::fromUtf8(utf8)); // invalid sequences become U+FFFD
}

QString ServiceTxt::truncatedUtf8(const QString &text, int maxBytes)
{
    const QString trimmed = text.trimmed();
    if (trimmed.toUtf8().size() <= maxBytes)
        return trimmed;
    QString result;
    int bytes = 0;
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        const bool pair = trimmed.at(i).isHighSurrogate() && i + 1 < trimmed.size();
        const QStringView character = QStringView(trimmed).mid(i, pair ? 2 : 1);
        const int size = int(character.toUtf8().size());
        if (bytes + size > maxBytes)
            break;
        bytes += size;
        result += character;
        if (pair)
            ++i;
    }
    return result.trimmed();
}
