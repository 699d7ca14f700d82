#include "accesstoken.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <QList>

using namespace Qt::StringLiterals;

namespace AccessToken {

QString generate(int byteCount)
{
    QList<quint32> words((byteCount + 3) / 4);
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), byteCount);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool matches(const QString &presented, const QString &expected)
{
    if (expected.isEmpty())
        return false;
    return digestsMatch(digest(presented), digest(expected));
}

QByteArray digest(const QString &secret)
{
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256);
}

bool digestsMatch(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false; // digests of one algorithm: the length tells nothing
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

QString redacted(const QString &token)
{
    if (token.isEmpty())
        return u"(none)"_s;
    return token.left(4) + u"…"_s;
}

} // namespace AccessToken
