// Tests of the chat view's parts that need no view: which text is a link, which is an emoji (and
// when a message is only emoji), the theme's contrast in the light and the dark palette, the
// sentence for a run of joins and leaves, times, the colour scheme setting and the emoji
// catalogue. Everything lives in the test's main thread.
#include "chattime.h"
#include "chatview/chatlinks.h"
#include "chatview/chattheme.h"
#include "chatview/emojitext.h"
#include "chatview/presencesummary.h"
#include "colorscheme.h"
#include "emojipicker/emojicatalog.h"
#include "lanchatsettings.h"

#include <QApplication>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestChatViewParts final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void links_data();
    void links();
    void emojiClusters_data();
    void emojiClusters();
    void emojiOnly_data();
    void emojiOnly();
    void emojiRunsLeaveDigitsAlone();
    void nameColorsMeetContrast_data();
    void nameColorsMeetContrast();
    void themeTextMeetsContrast_data();
    void themeTextMeetsContrast();
    void presenceSentences();
    void timesHaveNoSeconds();
    void colorSchemeSetting();
    void emojiCatalogue();
};

void TestChatViewParts::initTestCase()
{
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QStandardPaths::setTestModeEnabled(true);
}

void TestChatViewParts::links_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("links");
    QTest::addRow("https") << u"see https://example.org/a?b=1#c now"_s
                           << QStringList {u"https://example.org/a?b=1#c"_s};
    QTest::addRow("http, upper case")
        << u"HTTP://EXAMPLE.ORG/X"_s << QStringList {u"HTTP://EXAMPLE.ORG/X"_s};
    QTest::addRow("mailto") << u"write to mailto:ann@example.org."_s
                            << QStringList {u"mailto:ann@example.org"_s};
    QTest::addRow("sentence punctuation") << u"(see https://example.org/wiki/A_(b)), ok?"_s
                                          << QStringList {u"https://example.org/wiki/A_(b)"_s};
    QTest::addRow("two") << u"https://a.example and http://b.example/x."_s
                         << QStringList {u"https://a.example"_s, u"http://b.example/x"_s};
    QTest::addRow("ends at markup")
        << u"<a href=\"https://example.org\">x</a>"_s << QStringList {u"https://example.org"_s};
    QTest::addRow("javascript") << u"javascript:alert(document.cookie)"_s << QStringList();
    QTest::addRow("file") << u"file:///etc/passwd"_s << QStringList();
    QTest::addRow("data") << u"data:text/html,<script>alert(1)</script>"_s << QStringList();
    QTest::addRow("ftp") << u"ftp://example.org/pub"_s << QStringList();
    QTest::addRow("no host") << u"https:// and http:///x"_s << QStringList();
    QTest::addRow("mailto without address") << u"mailto:nobody"_s << QStringList();
    QTest::addRow("inside a word") << u"xhttps://example.org"_s << QStringList();
    QTest::addRow("no scheme") << u"example.org and www.example.org"_s << QStringList();
}

void TestChatViewParts::links()
{
    QFETCH(QString, text);
    QFETCH(QStringList, links);
    const QList<ChatLinks::Link> found = ChatLinks::find(text);
    QStringList texts;
    for (const ChatLinks::Link &link : found) {
        texts.append(text.mid(link.start, link.length));
        QVERIFY(ChatLinks::isAllowed(link.url));
    }
    QCOMPARE(texts, links);
}

void TestChatViewParts::emojiClusters_data()
{
    QTest::addColumn<QString>("cluster");
    QTest::addColumn<bool>("emoji");
    QTest::addRow("presentation") << u"😀"_s << true;
    QTest::addRow("heart with FE0F") << u"❤️"_s << true;
    QTest::addRow("heart as text") << u"❤"_s << false;
    QTest::addRow("heart with FE0E") << u"❤︎"_s << false;
    QTest::addRow("skin tone") << u"👍🏽"_s << true;
    QTest::addRow("ZWJ family") << u"👨‍👩‍👧"_s << true;
    QTest::addRow("flag") << u"🇩🇪"_s << true;
    QTest::addRow("keycap") << u"1️⃣"_s << true;
    QTest::addRow("digit") << u"1"_s << false;
    QTest::addRow("hash") << u"#"_s << false;
    QTest::addRow("copyright") << u"©"_s << false;
    QTest::addRow("letter") << u"a"_s << false;
    QTest::addRow("CJK") << u"中"_s << false;
}

void TestChatViewParts::emojiClusters()
{
    QFETCH(QString, cluster);
    QFETCH(bool, emoji);
    QCOMPARE(EmojiText::isEmojiCluster(cluster), emoji);
}

void TestChatViewParts::emojiOnly_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("large");
    QTest::addRow("one") << u"😀"_s << true;
    QTest::addRow("three, spaced") << u" 🎉 🎉🎉 "_s << true;
    QTest::addRow("ZWJ and tone count once") << u"👨‍👩‍👧👍🏽🇩🇪"_s << true;
    QTest::addRow("four") << u"😀😀😀😀"_s << false;
    QTest::addRow("with a word") << u"ok 👍"_s << false;
    QTest::addRow("digits") << u"123"_s << false;
    QTest::addRow("text heart") << u"❤"_s << false;
    QTest::addRow("empty") << QString() << false;
}

void TestChatViewParts::emojiOnly()
{
    QFETCH(QString, text);
    QFETCH(bool, large);
    QCOMPARE(EmojiText::isEmojiOnly(text), large);
}

// Only the emoji get the colour emoji font: digits, '#' and plain text keep the text font.
void TestChatViewParts::emojiRunsLeaveDigitsAlone()
{
    const QString text = u"Room #12 at 3 ❤️😀 ok 1️⃣"_s;
    const QList<EmojiText::Run> runs = EmojiText::runs(text);
    QStringList texts;
    for (const EmojiText::Run &run : runs)
        texts.append(text.mid(run.start, run.length));
    QCOMPARE(texts, (QStringList {u"❤️😀"_s, u"1️⃣"_s}));
    QVERIFY(EmojiText::runs(u"plain ASCII 123 #"_s).isEmpty());
}

void TestChatViewParts::nameColorsMeetContrast_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addRow("light") << ColorScheme::lightPalette();
    QTest::addRow("dark") << ColorScheme::darkPalette();
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
    QTest::addRow("Fusion") << fusion->standardPalette();
}

void TestChatViewParts::nameColorsMeetContrast()
{
    QFETCH(QPalette, palette);
    const ChatTheme theme(palette);
    QRandomGenerator random(4242);
    QStringList names {u"alice"_s, u"bob"_s, u"Ünal"_s, u"李雷"_s, u"x"_s, u"Operator"_s};
    for (int i = 0; i < 2000; ++i) {
        QString name;
        const int length = random.bounded(1, 16);
        for (int c = 0; c < length; ++c)
            name += QChar(char16_t(random.bounded(0x21, 0x250)));
        names.append(name);
    }
    const QList<QColor> backgrounds {theme.background, theme.bubble, theme.ownBubble,
                                     theme.mentionBubble, theme.announcementBubble};
    for (const QString &name : std::as_const(names)) {
        for (const QColor &background : backgrounds) {
            const QColor color = theme.nameColor(name, background);
            const double ratio = ChatTheme::contrast(color, background);
            QVERIFY2(ratio >= ChatTheme::MinimumContrast,
                     qPrintable(u"%1 on %2: %3"_s.arg(color.name(), background.name()).arg(ratio)));
        }
        // Stable: the same in another theme instance (and on another run: no seeded hash).
        QCOMPARE(ChatTheme(palette).nameColor(name, theme.bubble),
                 theme.nameColor(name, theme.bubble));
    }
    // Different names mostly get different colours.
    QSet<QRgb> distinct;
    for (const QString &name : std::as_const(names))
        distinct.insert(theme.nameColor(name, theme.bubble).rgb());
    QVERIFY(distinct.size() > names.size() / 4);
}

void TestChatViewParts::themeTextMeetsContrast_data()
{
    nameColorsMeetContrast_data();
}

void TestChatViewParts::themeTextMeetsContrast()
{
    QFETCH(QPalette, palette);
    const ChatTheme theme(palette);
    QCOMPARE(theme.dark, palette.color(QPalette::Window).lightness() < 128);
    const QList<QColor> bubbles {theme.bubble, theme.ownBubble, theme.mentionBubble,
                                 theme.announcementBubble};
    for (const QColor &bubble : bubbles) {
        for (const QColor &text : {theme.bubbleText, theme.bubbleSecondaryText, theme.link,
                                   theme.error, theme.mentionAccent, theme.announcementAccent})
            QVERIFY2(ChatTheme::contrast(text, bubble) >= ChatTheme::MinimumContrast,
                     qPrintable(text.name() + u" on "_s + bubble.name()));
    }
    for (const QColor &text : {theme.text, theme.secondaryText, theme.error, theme.unread})
        QVERIFY2(ChatTheme::contrast(text, theme.background) >= ChatTheme::MinimumContrast,
                 qPrintable(text.name() + u" on "_s + theme.background.name()));
    QVERIFY(ChatTheme::contrast(theme.selectionText, theme.selection)
            >= ChatTheme::MinimumContrast);
    // Dark stays dark: no light pastel bubbles on a dark palette.
    if (theme.dark) {
        for (const QColor &bubble : bubbles)
            QVERIFY2(ChatTheme::luminance(bubble) < 0.2, qPrintable(bubble.name()));
    }
}

void TestChatViewParts::presenceSentences()
{
    using E = PresenceSummary::Event;
    const auto join = [](const QString &name) { return E {ChatRowKind::Join, name, {}}; };
    const auto leave = [](const QString &name) { return E {ChatRowKind::Leave, name, {}}; };
    QCOMPARE(PresenceSummary::text({join(u"alice"_s)}), u"alice joined"_s);
    QCOMPARE(PresenceSummary::text({join(u"alice"_s), join(u"bob"_s)}), u"alice and bob joined"_s);
    QCOMPARE(PresenceSummary::text({join(u"a"_s), join(u"b"_s), join(u"c"_s)}),
             u"a, b and c joined"_s);
    QCOMPARE(PresenceSummary::text(
                 {join(u"a"_s), join(u"b"_s), join(u"c"_s), join(u"d"_s), join(u"e"_s)}),
             u"a, b and 3 others joined"_s);
    // A reconnect is one name, not two lines.
    QCOMPARE(PresenceSummary::text({leave(u"bob"_s), join(u"bob"_s), leave(u"carol"_s)}),
             u"carol left; bob came back"_s);
    QCOMPARE(PresenceSummary::text({join(u"dave"_s), leave(u"dave"_s)}), u"dave joined and left"_s);
    const QList<E> many {join(u"a"_s), join(u"b"_s), join(u"c"_s)};
    QCOMPARE(PresenceSummary::details(many, u"HH:mm"_s, 2).count(u'\n'), 2); // "… 1 earlier"
}

void TestChatViewParts::timesHaveNoSeconds()
{
    const QDateTime time(QDate(2026, 11, 24), QTime(14, 5, 33));
    for (const QLocale &locale : {QLocale::c(), QLocale(u"de_DE"_s), QLocale(u"en_US"_s)}) {
        const QString shown = ChatTime::shortTime(time, locale);
        QVERIFY2(shown.contains(u"05"_s) && !shown.contains(u"33"_s), qPrintable(shown));
    }
    QVERIFY(ChatTime::longTime(time, QLocale::c()).contains(u"2026"_s));
    // A moment (the end of a ban): the time alone today, the date before it on another day.
    const QLocale german(u"de_DE"_s);
    QCOMPARE(ChatTime::moment(time, german, time.date()), u"14:05"_s);
    QCOMPARE(ChatTime::moment(time, german, time.date().addDays(-1)), u"24.11.26 14:05"_s);
    QCOMPARE(ChatTime::moment(time.toUTC(), german, time.date()), u"14:05"_s); // shown local
}

void TestChatViewParts::colorSchemeSetting()
{
    QSettings settings;
    ColorScheme::save(settings, ColorScheme::Mode::Dark);
    QCOMPARE(ColorScheme::load(settings), ColorScheme::Mode::Dark);
    settings.setValue(Settings::UiColorScheme.key(), u"nonsense"_s);
    QCOMPARE(ColorScheme::load(settings), ColorScheme::Mode::System);

    const QColor systemWindow = QApplication::palette().color(QPalette::Window);
    ColorScheme::apply(ColorScheme::Mode::Dark);
    QVERIFY(ChatTheme::isDark(QApplication::palette()));
    QCOMPARE(ColorScheme::current(), ColorScheme::Mode::Dark);
    ColorScheme::apply(ColorScheme::Mode::Light);
    QVERIFY(!ChatTheme::isDark(QApplication::palette()));
    ColorScheme::apply(ColorScheme::Mode::System);
    QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
    settings.remove(Settings::UiColorScheme.key());
}

void TestChatViewParts::emojiCatalogue()
{
    QVERIFY(EmojiCatalog::all().size() > 1500);
    for (const QString &group : EmojiCatalog::groups())
        QVERIFY2(!EmojiCatalog::inGroup(group).isEmpty(), qPrintable(group));
    // By Unicode's short name, by ICU's character name, several words in any order.
    const auto texts = [](const QList<EmojiCatalog::Emoji> &found) {
        QStringList result;
        for (const EmojiCatalog::Emoji &emoji : found)
            result.append(emoji.text);
        return result;
    };
    QVERIFY(texts(EmojiCatalog::search(u"thumbs up"_s)).contains(u"👍"_s));
    QVERIFY(texts(EmojiCatalog::search(u"HEART red"_s)).contains(u"❤️"_s));
    QVERIFY(texts(EmojiCatalog::search(u"face grinning"_s)).contains(u"😀"_s));
    QVERIFY(texts(EmojiCatalog::search(u"sign thumbs"_s)).contains(u"👍"_s)); // ICU: THUMBS UP SIGN
    QVERIFY(EmojiCatalog::search(u"no such emoji at all"_s).isEmpty());
    QCOMPARE(EmojiCatalog::characterNames(u"👍🏽"_s), u"THUMBS UP SIGN"_s);

    QSettings settings;
    settings.remove(Settings::UiRecentEmoji.key());
    for (int i = 0; i < EmojiCatalog::MaxRecent + 5; ++i)
        EmojiCatalog::remember(settings, EmojiCatalog::all().at(i).text);
    EmojiCatalog::remember(settings, u"👍"_s);
    EmojiCatalog::remember(settings, EmojiCatalog::all().at(3).text);
    const QStringList recent = EmojiCatalog::recent(settings);
    QCOMPARE(recent.size(), EmojiCatalog::MaxRecent);
    QCOMPARE(recent.at(0), EmojiCatalog::all().at(3).text);
    QCOMPARE(recent.at(1), u"👍"_s);
    QCOMPARE(recent.count(EmojiCatalog::all().at(3).text), 1);
    settings.remove(Settings::UiRecentEmoji.key());
}

QTEST_MAIN(TestChatViewParts)
#include "tst_chatviewparts.moc"
