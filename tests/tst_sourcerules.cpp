// Rules about the sources themselves, read from the source tree: every settings key is spelt only
// in settings/lanchatsettings.h, the Widgets layer (ui/) includes no storage header, not even
// through a server header (docs/ARCHITECTURE.md: the GUI never sees storage), and the libraries'
// classes carry their own moc code.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_SourceRules : public QObject
{
    Q_OBJECT

private slots:
    void settingsKeysAreDeclaredOnce();
    void settingsKeysAreSpeltOnlyInTheSettingsHome();
    void uiIncludesNoStorageHeader();
    void libraryClassesIncludeTheirMoc();
};

namespace {
const QDir sourceDir(QStringLiteral(LANCHAT_SOURCE_DIR));

QString read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// The C++ files under a folder of the source tree, as paths relative to it.
QStringList sourcesIn(const QString &folder)
{
    QStringList files;
    QDirIterator it(sourceDir.filePath(folder), {u"*.cpp"_s, u"*.h"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << sourceDir.relativeFilePath(it.next());
    files.sort();
    return files;
}

QStringList includesOf(const QString &text)
{
    static const QRegularExpression include(uR"re(^\s*#\s*include\s*[<"]([^>"]+)[>"])re"_s,
                                            QRegularExpression::MultilineOption);
    QStringList names;
    for (auto it = include.globalMatch(text); it.hasNext();)
        names << it.next().captured(1);
    return names;
}

// Each declared key: "section/key" in a QLatin1StringView("…") of lanchatsettings.h.
QStringList declaredKeys()
{
    static const QRegularExpression key(
        uR"re(QLatin1StringView\("([A-Za-z]+/[A-Za-z0-9]+)"\))re"_s);
    QStringList keys;
    const QString text = read(sourceDir.filePath(u"settings/lanchatsettings.h"_s));
    for (auto it = key.globalMatch(text); it.hasNext();)
        keys << it.next().captured(1);
    return keys;
}

// The product's folders (tests may spell keys: they check what is on disk).
const QStringList productFolders {u"app"_s,       u"ui"_s,      u"server"_s,  u"client"_s,
                                  u"discovery"_s, u"desktop"_s, u"settings"_s};
} // namespace

void tst_SourceRules::settingsKeysAreDeclaredOnce()
{
    const QStringList keys = declaredKeys();
    QVERIFY2(keys.size() >= 20, qPrintable(u"only %1 keys found"_s.arg(keys.size())));
    QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()).size(), keys.size());
}

void tst_SourceRules::settingsKeysAreSpeltOnlyInTheSettingsHome()
{
    QSet<QString> sections;
    const QStringList keys = declaredKeys();
    for (const QString &key : keys)
        sections << key.section(u'/', 0, 0);
    // A string literal "section/anything" for a section the settings use.
    const QRegularExpression literal(u"\"((?:%1)/[A-Za-z][A-Za-z0-9]*)\""_s.arg(
        QStringList(sections.cbegin(), sections.cend()).join(u'|')));
    QStringList offenders;
    for (const QString &folder : productFolders) {
        const QStringList files = sourcesIn(folder);
        for (const QString &file : files) {
            if (file == "settings/lanchatsettings.h"_L1)
                continue;
            const QString text = read(sourceDir.filePath(file));
            for (auto it = literal.globalMatch(text); it.hasNext();) {
                const auto match = it.next();
                const int line = int(text.left(match.capturedStart()).count(u'\n')) + 1;
                offenders << u"%1:%2: %3"_s.arg(file).arg(line).arg(match.captured(1));
            }
        }
    }
    QVERIFY2(offenders.isEmpty(),
             qPrintable(u"settings keys outside settings/lanchatsettings.h:\n"_s
                        + offenders.join(u'\n')));
}

void tst_SourceRules::uiIncludesNoStorageHeader()
{
    // The server's headers by name, with what they include.
    QHash<QString, QStringList> serverHeaders;
    const QStringList serverFiles = sourcesIn(u"server"_s);
    for (const QString &file : serverFiles) {
        if (file.endsWith(".h"_L1))
            serverHeaders.insert(QFileInfo(file).fileName(),
                                 includesOf(read(sourceDir.filePath(file))));
    }
    QVERIFY(serverHeaders.contains(u"historystore.h"_s));
    // Storage: Qt SQL, and every server header that includes it, directly or not.
    const auto isSql = [](const QString &name) {
        return name.startsWith("QSql"_L1) || name.startsWith("QtSql"_L1);
    };
    QSet<QString> storage;
    for (bool grew = true; grew;) {
        grew = false;
        for (auto it = serverHeaders.cbegin(); it != serverHeaders.cend(); ++it) {
            if (storage.contains(it.key()))
                continue;
            for (const QString &name : it.value()) {
                if (isSql(name) || storage.contains(QFileInfo(name).fileName())) {
                    storage << it.key();
                    grew = true;
                    break;
                }
            }
        }
    }
    QVERIFY(storage.contains(u"historystore.h"_s));

    QStringList offenders;
    const QStringList uiFiles = sourcesIn(u"ui"_s);
    for (const QString &file : uiFiles) {
        const QStringList names = includesOf(read(sourceDir.filePath(file)));
        for (const QString &name : names) {
            if (isSql(name) || storage.contains(QFileInfo(name).fileName()))
                offenders << u"%1 includes %2"_s.arg(file, name);
        }
    }
    QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u'\n')));
}

// AUTOMOC compiles the moc code of every header that a .cpp does not include into one object of
// the static library, and a test that uses one class of the library links that object and, through
// it, every class of the library: the test executables of ui/ were 140 MB each under the
// sanitizers. A class's .cpp that includes its moc file keeps the code with the class.
void tst_SourceRules::libraryClassesIncludeTheirMoc()
{
    static const QRegularExpression metaObject(uR"re(^\s*(Q_OBJECT|Q_GADGET|Q_NAMESPACE)\b)re"_s,
                                               QRegularExpression::MultilineOption);
    const QStringList libraries {u"protocol"_s,  u"server"_s,  u"client"_s,
                                 u"discovery"_s, u"desktop"_s, u"ui"_s};
    int checked = 0;
    QStringList offenders;
    for (const QString &library : libraries) {
        const QStringList files = sourcesIn(library);
        for (const QString &header : files) {
            if (!header.endsWith(".h"_L1)
                || !metaObject.match(read(sourceDir.filePath(header))).hasMatch())
                continue;
            ++checked;
            const QString source = header.chopped(2) + u".cpp"_s;
            const QString moc = u"moc_%1.cpp"_s.arg(QFileInfo(header).completeBaseName());
            if (!includesOf(read(sourceDir.filePath(source))).contains(moc))
                offenders << u"%1 does not include %2"_s.arg(source, moc);
        }
    }
    QVERIFY(checked > 50);
    QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u'\n')));
}

QTEST_GUILESS_MAIN(tst_SourceRules)
#include "tst_sourcerules.moc"
