#include "emojicatalog.h"

#include "lanchatsettings.h"
#include <QFile>
#include <QHash>

#include <QSettings>

#include <unicode/uchar.h>

using namespace Qt::StringLiterals;

namespace {
const QString CataloguePath = u":/emoji/emoji.tsv"_s;
} // namespace

const QList<EmojiCatalog::Emoji> &EmojiCatalog::all()
{
    static const QList<Emoji> emoji = [] {
        QList<Emoji> result;
        QFile file(CataloguePath);
        if (!file.open(QIODevice::ReadOnly))
            return result;
        const QString text = QString::fromUtf8(file.readAll());
        const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
        result.reserve(lines.size());
        for (const QString &line : lines) {
            if (line.startsWith(u'#'))
                continue;
            const QStringList fields = line.split(u'\t');
            if (fields.size() == 3)
                result.append({fields.at(1), fields.at(2), fields.at(0)});
        }
        return result;
    }();
    return emoji;
}

namespace {
// The picker's groups in its order: the key in emoji.tsv, the tab's emoji, the title.
struct Group
{
    QLatin1StringView key;
    QStringView icon;
    const char *title; // QT_TRANSLATE_NOOP in EmojiCatalog's context
};

const Group Groups[] = {
    {"smileys"_L1, u"😀", QT_TRANSLATE_NOOP("EmojiCatalog", "Smileys and emotion")},
    {"people"_L1, u"👋", QT_TRANSLATE_NOOP("EmojiCatalog", "People and body")},
    {"nature"_L1, u"🐻", QT_TRANSLATE_NOOP("EmojiCatalog", "Animals and nature")},
    {"food"_L1, u"🍔", QT_TRANSLATE_NOOP("EmojiCatalog", "Food and drink")},
    {"activities"_L1, u"⚽", QT_TRANSLATE_NOOP("EmojiCatalog", "Activities")},
    {"travel"_L1, u"🚗", QT_TRANSLATE_NOOP("EmojiCatalog", "Travel and places")},
    {"objects"_L1, u"💡", QT_TRANSLATE_NOOP("EmojiCatalog", "Objects")},
    {"symbols"_L1, u"🔣", QT_TRANSLATE_NOOP("EmojiCatalog", "Symbols")},
    {"flags"_L1, u"🏁", QT_TRANSLATE_NOOP("EmojiCatalog", "Flags")},
};

const Group *findGroup(const QString &key)
{
    for (const Group &group : Groups) {
        if (group.key == key)
            return &group;
    }
    return nullptr;
}
} // namespace

QStringList EmojiCatalog::groups()
{
    QStringList keys;
    for (const Group &group : Groups)
        keys.append(group.key);
    return keys;
}

QString EmojiCatalog::groupTitle(const QString &group)
{
    const Group *found = findGroup(group);
    return found != nullptr ? tr(found->title) : group;
}

QString EmojiCatalog::groupIcon(const QString &group)
{
    const Group *found = findGroup(group);
    return found != nullptr ? found->icon.toString() : QString();
}

QList<EmojiCatalog::Emoji> EmojiCatalog::inGroup(const QString &group)
{
    QList<Emoji> result;
    for (const Emoji &emoji : all()) {
        if (emoji.group == group)
            result.append(emoji);
    }
    return result;
}

QString EmojiCatalog::characterNames(const QString &emoji)
{
    static QHash<QString, QString> cache;
    if (const auto found = cache.constFind(emoji); found != cache.cend())
        return *found;
    QStringList names;
    const QList<uint> codePoints = emoji.toUcs4();
    for (const uint c : codePoints) {
        if (c == 0x200D || c == 0xFE0F || c == 0xFE0E || c == 0x20E3
            || u_hasBinaryProperty(UChar32(c), UCHAR_EMOJI_MODIFIER))
            continue;
        char buffer[128];
        UErrorCode error = U_ZERO_ERROR;
        const int32_t length
            = u_charName(UChar32(c), U_UNICODE_CHAR_NAME, buffer, sizeof buffer, &error);
        if (U_SUCCESS(error) && length > 0)
            names.append(QString::fromLatin1(buffer, length));
    }
    const QString joined = names.join(u' ');
    cache.insert(emoji, joined);
    return joined;
}

QString EmojiCatalog::nameOf(const QString &emoji)
{
    for (const Emoji &known : all()) {
        if (known.text == emoji)
            return known.name;
    }
    return characterNames(emoji).toLower();
}

QList<EmojiCatalog::Emoji> EmojiCatalog::search(const QString &query, int limit)
{
    QList<Emoji> result;
    const QStringList words = query.simplified().toLower().split(u' ', Qt::SkipEmptyParts);
    if (words.isEmpty())
        return result;
    for (const Emoji &emoji : all()) {
        const QString names = emoji.name + u' ' + characterNames(emoji.text).toLower();
        const bool matches = std::all_of(words.cbegin(), words.cend(),
                                         [&](const QString &word) { return names.contains(word); });
        if (matches) {
            result.append(emoji);
            if (result.size() >= limit)
                break;
        }
    }
    return result;
}

QStringList EmojiCatalog::recent(const QSettings &settings)
{
    return Settings::UiRecentEmoji.value(settings).mid(0, MaxRecent);
}

void EmojiCatalog::remember(QSettings &settings, const QString &emoji)
{
    QStringList list = recent(settings);
    list.removeAll(emoji);
    list.prepend(emoji);
    Settings::UiRecentEmoji.setValue(settings, list.mid(0, MaxRecent));
}
