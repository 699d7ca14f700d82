#include "logging.h"

#include <QStringDecoder>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServer, "lanchat.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "lanchat.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "lanchat.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConnections, "lanchat.connections", QtInfoMsg)

namespace {

bool needsEscape(char32_t c)
{
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) // C0, DEL, C1
        return true;
    if (c == 0x2028 || c == 0x2029) // line and paragraph separators
        return true;
    return QChar::category(c) == QChar::Other_Format; // bidi, zero-width, BOM, soft hyphen, …
}

// The C escapes a reader knows at sight; empty for every other character.
QLatin1StringView shortEscape(char16_t c)
{
    switch (c) {
    case u'\\':
        return "\\\\"_L1;
    case u'\r':
        return "\\r"_L1;
    case u'\n':
        return "\\n"_L1;
    case u'\t':
        return "\\t"_L1;
    default:
        return {};
    }
}

void appendHex(QString &out, char prefix, uint value, int digits)
{
    out += u'\\';
    out += QLatin1Char(prefix);
    out += QString::number(value, 16).rightJustified(digits, u'0');
}

void appendTruncation(QString &out, qsizetype rest)
{
    if (rest > 0)
        out += u"…(%1 more)"_s.arg(rest);
}

} // namespace

namespace LanChat {
QString escapeForLog(QStringView text, qsizetype maxLength)
{
    QString out;
    out.reserve(qMin(text.size(), maxLength) + 8);
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++count) {
        if (count >= maxLength) {
            appendTruncation(out, text.size() - i);
            break;
        }
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            const char32_t code = QChar::surrogateToUcs4(c, text.at(i + 1));
            if (needsEscape(code))
                appendHex(out, 'U', uint(code), 8);
            else
                out.append(text.mid(i, 2));
            i += 2;
            continue;
        }
        ++i;
        if (const QLatin1StringView escape = shortEscape(c.unicode()); !escape.isEmpty())
            out += escape;
        else if (c.isSurrogate()) // unpaired
            appendHex(out, 'u', c.unicode(), 4);
        else if (c.unicode() < 0x80 && needsEscape(c.unicode()))
            appendHex(out, 'x', c.unicode(), 2);
        else if (needsEscape(c.unicode()))
            appendHex(out, 'u', c.unicode(), 4);
        else
            out += c;
    }
    return out;
}

QString escapeForLog(QByteArrayView bytes, qsizetype maxLength)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (!decoder.hasError())
        return escapeForLog(QStringView(text), maxLength);
    QString out;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (i >= maxLength) {
            appendTruncation(out, bytes.size() - i);
            break;
        }
        const auto byte = uchar(bytes.at(i));
        if (byte == '\\')
            out += "\\\\"_L1;
        else if (byte >= 0x20 && byte < 0x7f)
            out += QLatin1Char(char(byte));
        else
            appendHex(out, 'x', byte, 2);
    }
    return out;
}
} // namespace LanChat
