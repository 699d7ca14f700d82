#include "notfoundpage.h"

#include "logging.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString FallbackLanguage = u"en"_s;
const QString PathPlaceholder = u"{path}"_s;

// The catalogue's text for `key`; the key itself when it has none, as the page's t() does.
QString text(const QJsonObject &catalogue, const QString &language, const QString &key)
{
    const QJsonValue value = catalogue.value(key);
    if (value.isString())
        return value.toString();
    qCWarning(lcHttp) << "no text for" << key << "in the" << language << "catalogue";
    return key;
}

} // namespace

NotFoundPage::NotFoundPage(const QHash<QString, QByteArray> &catalogues)
{
    for (auto it = catalogues.cbegin(); it != catalogues.cend(); ++it) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(it.value(), &error);
        if (!document.isObject()) {
            qCWarning(lcHttp) << "the" << it.key()
                              << "catalogue is not a JSON object:" << error.errorString();
            continue;
        }
        const QJsonObject catalogue = document.object();
        m_texts.insert(it.key(), Texts {text(catalogue, it.key(), u"notFound.title"_s),
                                        text(catalogue, it.key(), u"notFound.heading"_s),
                                        text(catalogue, it.key(), u"notFound.nothingAt"_s),
                                        text(catalogue, it.key(), u"notFound.openChat"_s)});
    }
    if (!m_texts.contains(FallbackLanguage)) {
        qCWarning(lcHttp) << "no" << FallbackLanguage << "catalogue for the 404 page";
        m_texts.insert(FallbackLanguage, Texts {u"notFound.title"_s, u"notFound.heading"_s,
                                                u"notFound.nothingAt"_s, u"notFound.openChat"_s});
    }
}

QStringList NotFoundPage::preferredLanguages(const QByteArray &acceptLanguage)
{
    struct Range
    {
        QString language;
        double quality;
    };
    QList<Range> ranges;
    for (const QByteArray &item : acceptLanguage.split(',')) {
        const QList<QByteArray> parts = item.split(';');
        const QByteArray tag = parts.first().trimmed().toLower();
        const bool alpha = std::all_of(tag.cbegin(), tag.cend(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        });
        if (tag.isEmpty() || (tag != "*" && !alpha))
            continue;
        double quality = 1.0;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts.at(i).trimmed();
            if (!parameter.startsWith("q=") && !parameter.startsWith("Q="))
                continue;
            bool ok = false;
            quality = parameter.mid(2).toDouble(&ok);
            if (!ok || quality < 0 || quality > 1)
                quality = 0;
        }
        if (quality > 0)
            ranges.append({QString::fromLatin1(tag.split('-').first()), quality});
    }
    std::stable_sort(ranges.begin(), ranges.end(),
                     [](const Range &a, const Range &b) { return a.quality > b.quality; });
    QStringList languages;
    for (const Range &range : std::as_const(ranges))
        languages.append(range.language);
    return languages;
}

QString NotFoundPage::chooseLanguage(const QByteArray &acceptLanguage) const
{
    for (const QString &language : preferredLanguages(acceptLanguage)) {
        if (language == "*"_L1)
            return FallbackLanguage;
        if (m_texts.contains(language))
            return language;
    }
    return FallbackLanguage;
}

NotFoundPage::Page NotFoundPage::render(const QString &path, const QByteArray &acceptLanguage) const
{
    const QString language = chooseLanguage(acceptLanguage);
    const Texts &texts = *m_texts.constFind(language);
    // The text is escaped first, then the one placeholder becomes the (escaped) path: nothing
    // from the request is ever read as markup or as another placeholder.
    QString nothingAt = texts.nothingAt.toHtmlEscaped();
    const QString code = u"<code>"_s + path.toHtmlEscaped() + u"</code>"_s;
    const qsizetype at = nothingAt.indexOf(PathPlaceholder);
    if (at >= 0)
        nothingAt.replace(at, PathPlaceholder.size(), code);
    else
        nothingAt += u' ' + code;
    const QString html = u"<!doctype html>\n<html lang=\"%1\"><head><meta charset=\"utf-8\">"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                         "<title>%2</title>"
                         "<link rel=\"stylesheet\" href=\"/style.css\"></head>"
                         "<body class=\"error-page\"><main><h1>%3</h1>"
                         "<p>%4</p>"
                         "<p><a href=\"/\">%5</a></p></main></body></html>\n"_s.arg(
                             language, texts.title.toHtmlEscaped(), texts.heading.toHtmlEscaped(),
                             nothingAt, texts.openChat.toHtmlEscaped());
    return {language, html.toUtf8()};
}
