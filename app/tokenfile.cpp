#include "tokenfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace {
constexpr qint64 MaxTokenFileBytes = 4096;
}

QString TokenFile::read(const QString &path, QString *error)
{
    const QFileInfo info(path);
    QFile file(path);
    if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("main", "cannot read the token file %1: %2")
                     .arg(path, info.exists() && !info.isFile()
                                    ? QCoreApplication::translate("main", "not a file")
                                    : file.errorString());
        return {};
    }
    if (info.permissions() & QFileDevice::ReadOther) {
        *error = QCoreApplication::translate(
                     "main", "other users can read the token file %1: make it private first "
                             "(chmod o-r, or chmod 600)")
                     .arg(path);
        return {};
    }
    QByteArray content = file.read(MaxTokenFileBytes + 1);
    if (content.size() > MaxTokenFileBytes) {
        *error = QCoreApplication::translate("main", "the token file %1 is larger than %2 bytes")
                     .arg(path)
                     .arg(MaxTokenFileBytes);
        return {};
    }
    if (content.endsWith('\n'))
        content.chop(content.endsWith("\r\n") ? 2 : 1);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString token = decoder.decode(content);
    if (decoder.hasError()) {
        *error
            = QCoreApplication::translate("main", "the token file %1 is not UTF-8 text").arg(path);
        return {};
    }
    if (token.isEmpty()) {
        *error = QCoreApplication::translate("main", "the token file %1 is empty").arg(path);
        return {};
    }
    return token;
}
