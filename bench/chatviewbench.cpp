// The message view with 10,000 messages: the join window's real model (MessageListModel) and
// view (ChatView), timed for inserting the messages (in one batch, and in batches of ten as live
// traffic arrives, painting after each), scrolling through them page by page and by jumps, and
// resizing, each followed by a synchronous repaint. The reference is a QTextBrowser holding the
// same messages as escaped HTML paragraphs (the other usual way to show a chat in Qt Widgets),
// measured the same way in the same run. Prints medians of several runs, and the resident memory.
//
//   lanchat-chatviewbench [--messages 10000] [--runs 5] [--emoji none|some|many] [--markdown]
//
// Without a display it runs on the offscreen platform; under Xvfb or a desktop it paints for real.
#include "chatview/chatview.h"
#include "guibench.h"
#include "messagelistmodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTextBrowser>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

enum class Emoji { None, Some, Many };

QList<ChatEntry> makeEntries(int count, Emoji emoji)
{
    QRandomGenerator random(1842);
    const QStringList names {u"alice"_s, u"bob"_s,  u"carol"_s, u"dave"_s, u"erin"_s,
                             u"frank"_s, u"gina"_s, u"hal"_s,   u"ida"_s,  u"jo"_s};
    const QStringList words {u"build"_s, u"lunch"_s, u"release"_s, u"meeting"_s, u"the"_s,
                             u"a"_s,     u"is"_s,    u"green"_s,   u"👍"_s,       u"today"_s,
                             u"fixed"_s, u"test"_s,  u"room"_s,    u"🎉"_s,       u"please"_s};
    // Many: emoji among the words (two in fifteen); some: one at the end of 15 % of the messages.
    QStringList vocabulary = words;
    if (emoji != Emoji::Many)
        vocabulary.removeIf([](const QString &word) { return word.at(0).isSurrogate(); });
    QList<ChatEntry> entries;
    entries.reserve(count);
    qint64 time = QDateTime::currentMSecsSinceEpoch() - qint64(count) * 20'000;
    for (int i = 0; i < count; ++i) {
        ChatEntry entry;
        entry.id = i + 1;
        time += random.bounded(1, 40'000);
        entry.timestampMs = time;
        entry.username = names.at(random.bounded(int(names.size())));
        const int kind = random.bounded(100);
        if (kind < 4) {
            entry.kind = random.bounded(2) ? ChatEntry::Kind::Join : ChatEntry::Kind::Leave;
        } else {
            // Mostly short, some paragraphs, a few long enough to fold; some links.
            const int length = kind < 70   ? random.bounded(2, 12)
                               : kind < 97 ? random.bounded(12, 60)
                                           : random.bounded(200, 400);
            QStringList text;
            for (int w = 0; w < length; ++w)
                text.append(vocabulary.at(random.bounded(int(vocabulary.size()))));
            if (kind % 10 == 0)
                text.append(u"https://ci.example.lan/builds/%1"_s.arg(i));
            if (emoji == Emoji::Some && random.bounded(100) < 15)
                text.append(random.bounded(2) ? u"👍"_s : u"🎉"_s);
            entry.text = text.join(u' ');
        }
        entries.append(entry);
    }
    return entries;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min(values.size() - 1, std::size_t(p * double(values.size()))));
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

long residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return 0;
}

struct Figures
{
    double oneBatch = 0; // ms: insert everything at once and paint
    double liveTotal = 0; // ms: batches of ten, painting after each
    double liveP99 = 0; // ms per batch
    double wheelP50 = 0; // ms per wheel step (three lines) scrolled and painted
    double wheelP99 = 0;
    double pageP50 = 0; // ms per page scrolled and painted
    double pageP99 = 0;
    double jumpP50 = 0; // ms per jump to a random place
    double jumpP99 = 0;
    double resizeP50 = 0; // ms per resize and paint
    double resizeP99 = 0;
    long memoryKiB = 0; // resident growth with everything loaded (first run)
};

// The view under test (or the reference) behind one interface.
struct Subject
{
    std::function<void()> reset;
    std::function<void(const QList<ChatEntry> &)> append;
    QAbstractScrollArea *area = nullptr;
};

Figures measure(Subject &subject, const QList<ChatEntry> &entries)
{
    Figures figures;
    QAbstractScrollArea *area = subject.area;
    // What the widget paints when the event loop runs: each view decides (a scroll may move
    // pixels and paint only what came into view).
    const auto paint = [] { QCoreApplication::processEvents(); };

    subject.reset();
    const long before = residentKiB();
    QElapsedTimer timer;
    timer.start();
    subject.append(entries);
    QCoreApplication::processEvents();
    paint();
    figures.oneBatch = msSince(timer);
    figures.memoryKiB = residentKiB() - before;

    subject.reset();
    std::vector<double> batches;
    timer.start();
    for (qsizetype i = 0; i < entries.size(); i += 10) {
        QElapsedTimer batch;
        batch.start();
        subject.append(entries.mid(i, 10));
        QCoreApplication::processEvents();
        paint();
        batches.push_back(msSince(batch));
    }
    figures.liveTotal = msSince(timer);
    figures.liveP99 = percentile(batches, 0.99);

    QScrollBar *bar = area->verticalScrollBar();
    std::vector<double> wheel;
    for (int step = 0; step < 300 && bar->value() > bar->minimum(); ++step) {
        QElapsedTimer notch;
        notch.start();
        bar->setValue(bar->value() - 3 * bar->singleStep());
        paint();
        wheel.push_back(msSince(notch));
    }
    figures.wheelP50 = median(wheel);
    figures.wheelP99 = percentile(wheel, 0.99);
    std::vector<double> pages;
    for (int step = 0; step < 200 && bar->value() > bar->minimum(); ++step) {
        QElapsedTimer page;
        page.start();
        bar->setValue(bar->value() - bar->pageStep());
        paint();
        pages.push_back(msSince(page));
    }
    figures.pageP50 = median(pages);
    figures.pageP99 = percentile(pages, 0.99);

    QRandomGenerator random(7);
    std::vector<double> jumps;
    for (int step = 0; step < 100; ++step) {
        QElapsedTimer jump;
        jump.start();
        bar->setValue(random.bounded(bar->maximum() + 1));
        paint();
        jumps.push_back(msSince(jump));
    }
    figures.jumpP50 = median(jumps);
    figures.jumpP99 = percentile(jumps, 0.99);

    std::vector<double> resizes;
    QWidget *window = area->window();
    for (int step = 0; step < 40; ++step) {
        QElapsedTimer resize;
        resize.start();
        window->resize(300 + (step * 173) % 700, window->height());
        QCoreApplication::processEvents();
        paint();
        resizes.push_back(msSince(resize));
    }
    figures.resizeP50 = median(resizes);
    figures.resizeP99 = percentile(resizes, 0.99);
    window->resize(800, window->height());
    return figures;
}

Figures medianOf(const std::vector<Figures> &runs)
{
    const auto pick = [&runs](double Figures::*field) {
        std::vector<double> values;
        for (const Figures &run : runs)
            values.push_back(run.*field);
        return median(values);
    };
    Figures result;
    result.oneBatch = pick(&Figures::oneBatch);
    result.liveTotal = pick(&Figures::liveTotal);
    result.liveP99 = pick(&Figures::liveP99);
    result.wheelP50 = pick(&Figures::wheelP50);
    result.wheelP99 = pick(&Figures::wheelP99);
    result.pageP50 = pick(&Figures::pageP50);
    result.pageP99 = pick(&Figures::pageP99);
    result.jumpP50 = pick(&Figures::jumpP50);
    result.jumpP99 = pick(&Figures::jumpP99);
    result.resizeP50 = pick(&Figures::resizeP50);
    result.resizeP99 = pick(&Figures::resizeP99);
    // Only the first run's growth means anything: later runs reuse the freed memory.
    result.memoryKiB = runs.front().memoryKiB;
    return result;
}

void print(const char *name, const Figures &f, bool markdown)
{
    if (markdown) {
        std::printf("| %s | %.0f | %.0f | %.1f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2f / "
                    "%.2f | %.1f |\n",
                    name, f.oneBatch, f.liveTotal, f.liveP99, f.wheelP50, f.wheelP99, f.pageP50,
                    f.pageP99, f.jumpP50, f.jumpP99, f.resizeP50, f.resizeP99,
                    double(f.memoryKiB) / 1024.0);
    } else {
        std::printf("%s: one batch %.0f ms; live batches of 10 %.0f ms in all, p99 %.1f ms; "
                    "wheel p50 %.2f p99 %.2f ms; page p50 %.2f p99 %.2f ms; jump p50 %.2f p99 "
                    "%.2f ms; resize p50 %.2f p99 %.2f ms; memory %+.1f MiB\n",
                    name, f.oneBatch, f.liveTotal, f.liveP99, f.wheelP50, f.wheelP99, f.pageP50,
                    f.pageP99, f.jumpP50, f.jumpP99, f.resizeP50, f.resizeP99,
                    double(f.memoryKiB) / 1024.0);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    useOffscreenWithoutDisplay();
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"messages"_s, u"How many messages."_s, u"n"_s, u"10000"_s});
    parser.addOption(
        {u"runs"_s, u"Runs of each measurement (the median is shown)."_s, u"n"_s, u"5"_s});
    parser.addOption({u"markdown"_s, u"Print table rows for docs/BENCHMARKS.md."_s});
    parser.addOption({u"no-reference"_s, u"Measure ChatView only (for profiling)."_s});
    parser.addOption({u"emoji"_s, u"none, some (15 % of the messages end with one) or many."_s,
                      u"amount"_s, u"some"_s});
    parser.process(app);
    const int count = std::max(parser.value(u"messages"_s).toInt(), 10);
    const int runs = std::max(parser.value(u"runs"_s).toInt(), 1);
    const QString amount = parser.value(u"emoji"_s);
    const Emoji emoji = amount == "none"_L1   ? Emoji::None
                        : amount == "many"_L1 ? Emoji::Many
                                              : Emoji::Some;
    const QList<ChatEntry> entries = makeEntries(count, emoji);

    MessageListModel model;
    model.setOwnUsername(u"alice"_s);
    ChatView view;
    view.setModel(&model);
    view.resize(800, 600);
    view.show();
    Subject chat {[&model] { model.clearEntries(); },
                  [&model](const QList<ChatEntry> &batch) { model.appendEntries(batch); }, &view};

    QTextBrowser browser;
    browser.resize(800, 600);
    browser.show();
    Subject reference {
        [&browser] { browser.clear(); },
        [&browser](const QList<ChatEntry> &batch) {
            for (const ChatEntry &entry : batch) {
                browser.append(u"<p><b>%1</b> %2<br>%3</p>"_s.arg(
                    entry.username.toHtmlEscaped(),
                    QDateTime::fromMSecsSinceEpoch(entry.timestampMs).toString(u"HH:mm"_s),
                    entry.text.toHtmlEscaped()));
            }
        },
        &browser};

    std::vector<Figures> chatRuns;
    std::vector<Figures> referenceRuns;
    for (int run = 0; run < runs; ++run) {
        chatRuns.push_back(measure(chat, entries));
        if (!parser.isSet(u"no-reference"_s))
            referenceRuns.push_back(measure(reference, entries));
    }
    const bool markdown = parser.isSet(u"markdown"_s);
    if (markdown) {
        std::printf(
            "| view (%d messages, %s emoji, %s, median of %d) | one batch (ms) | batches of 10 "
            "(ms, total) | batch p99 (ms) | wheel p50 / p99 (ms) | page p50 / p99 (ms) "
            "| jump p50 / p99 (ms) | resize p50 / p99 (ms) | memory (MiB) |\n",
            count, qPrintable(amount), qPrintable(QGuiApplication::platformName()), runs);
        std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    } else {
        std::printf("%d messages, %s emoji, %s, median of %d runs\n", count, qPrintable(amount),
                    qPrintable(QGuiApplication::platformName()), runs);
    }
    print("ChatView", medianOf(chatRuns), markdown);
    if (!referenceRuns.empty())
        print("QTextBrowser (reference)", medianOf(referenceRuns), markdown);
    std::printf("ChatView rows with a text layout at the end: %d of %d\n", view.laidOutRows(),
                model.rowCount());
    return 0;
}
