// Lives in the GUI thread (reads the compiled-in catalogue once; settings through the caller's
// QSettings). The emoji the picker offers, by group (resources/emoji/emoji.tsv, from Unicode's
// emoji-test.txt), searchable by name (Unicode's short names and ICU's character names), and the
// ones the user picked recently.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

class QSettings;

class EmojiCatalog final
{
    Q_DECLARE_TR_FUNCTIONS(EmojiCatalog)

public:
    static constexpr int MaxRecent = 24;

    struct Emoji
    {
        QString text;
        QString name; // Unicode's short name: "grinning face"
        QString group; // a key of groups()
    };

    static const QList<Emoji> &all();
    // The groups in the picker's order: "smileys", "people", … "flags".
    static QStringList groups();
    static QString groupTitle(const QString &group);
    // An emoji that stands for the group on its tab.
    static QString groupIcon(const QString &group);
    static QList<Emoji> inGroup(const QString &group);
    // The emoji whose names contain every word of the query (case-insensitive), at most limit.
    static QList<Emoji> search(const QString &query, int limit = 240);
    // ICU's names of the emoji's code points, without joiners and selectors ("GRINNING FACE").
    static QString characterNames(const QString &emoji);
    // The catalogue's name of an emoji, or its character names.
    static QString nameOf(const QString &emoji);

    // Recently used emoji, most recent first (Settings::UiRecentEmoji).
    static QStringList recent(const QSettings &settings);
    static void remember(QSettings &settings, const QString &emoji);
};
