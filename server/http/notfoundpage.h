// Lives in the server thread (WebAssets owns it). The HTML 404 page in the reader's language: its
// words are the notFound.* texts of the browser page's catalogues (:/web/i18n/<language>.json,
// docs/PROTOCOL.md "Browser client"), the language the first of Accept-Language's that has one,
// as the page itself chooses from the browser's languages; English otherwise.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

class NotFoundPage final
{
public:
    // `catalogues`: language -> that catalogue file's JSON. English is the fallback.
    explicit NotFoundPage(const QHash<QString, QByteArray> &catalogues);

    struct Page
    {
        QString language;
        QByteArray html;
    };
    // The page saying that nothing is at `path` (HTML-escaped here).
    Page render(const QString &path, const QByteArray &acceptLanguage) const;

    // The primary language subtags of an Accept-Language value, most preferred first (by q, then
    // in the order given; q=0 and malformed entries left out, "*" kept).
    static QStringList preferredLanguages(const QByteArray &acceptLanguage);

private:
    struct Texts
    {
        QString title;
        QString heading;
        QString nothingAt; // with the {path} placeholder
        QString openChat;
    };

    QString chooseLanguage(const QByteArray &acceptLanguage) const;

    QHash<QString, Texts> m_texts;
};
