// Tests of ChatView with a model filled directly (a QStandardItemModel with the roles of
// chatviewroles.h, or MessageListModel where its own roles matter): geometry after resizes,
// selecting and copying with the mouse and the keyboard, links, folding, runs of joins and
// leaves, emoji-only messages, the unread divider, the jump-to-latest button, lazy layout,
// accessibility and the context menu. Everything lives in the test's main thread.
#include "chattime.h"
#include "chatview/chatview.h"
#include "chatview/chatviewroles.h"
#include "chatview/jumptolatestbutton.h"
#include "chatviewgeometry.h"
#include "messagelistmodel.h"

#include <QAbstractItemModelTester>
#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QMenu>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
const QDateTime Noon(QDate(2026, 11, 24), QTime(12, 0));

struct Row
{
    ChatRowKind kind = ChatRowKind::Message;
    QString sender;
    QString text;
    QDateTime time = Noon;
    bool own = false;
    bool dayStart = false;
};

QStandardItem *item(const Row &row)
{
    auto *result = new QStandardItem(row.text);
    result->setData(int(row.kind), ChatViewRole::Kind);
    result->setData(row.sender, ChatViewRole::Sender);
    result->setData(row.time, ChatViewRole::Timestamp);
    result->setData(row.own, ChatViewRole::Own);
    result->setData(int(ChatDelivery::Delivered), ChatViewRole::Delivery);
    result->setData(row.dayStart, ChatViewRole::DayStart);
    return result;
}

// One insertion for the batch, rows with their data, as the real model does.
void insert(QStandardItemModel &model, int at, const QList<Row> &rows)
{
    QList<QStandardItem *> items;
    for (const Row &row : rows)
        items.append(item(row));
    model.invisibleRootItem()->insertRows(at, items);
}

void append(QStandardItemModel &model, const QList<Row> &rows)
{
    insert(model, model.rowCount(), rows);
}

Row message(const QString &sender, const QString &text, int minute = 0, bool own = false)
{
    Row row;
    row.sender = sender;
    row.text = text;
    row.time = Noon.addSecs(minute * 60);
    row.own = own;
    return row;
}

Row presence(ChatRowKind kind, const QString &sender, int minute = 0)
{
    Row row;
    row.kind = kind;
    row.sender = sender;
    row.time = Noon.addSecs(minute * 60);
    return row;
}

// A conversation with everything that changes a row's height.
QList<Row> conversation()
{
    Row first = presence(ChatRowKind::Join, u"alice"_s);
    first.dayStart = true;
    QList<Row> rows {
        first,
        presence(ChatRowKind::Join, u"bob"_s),
        presence(ChatRowKind::Join, u"carol"_s),
        message(u"alice"_s, u"Hello everyone"_s, 1),
        message(u"alice"_s, u"A second line from alice, grouped under one header"_s, 2),
        message(u"bob"_s, QString(u"a long message that wraps "_s).repeated(30), 3),
        message(u"me"_s, u"Mine, on the right"_s, 4, true),
        message(u"me"_s, u"🎉"_s, 4, true)};
    Row announcement = message(u"Operator"_s, u"The server restarts at noon."_s, 5);
    announcement.kind = ChatRowKind::Announcement;
    rows.append(announcement);
    Row kick = presence(ChatRowKind::Kick, u"mallory"_s, 6);
    kick.text = u"spam"_s;
    rows.append(kick);
    Row nextDay = message(u"carol"_s, u"Good morning"_s, 24 * 60);
    nextDay.dayStart = true;
    rows.append(nextDay);
    QString folded;
    for (int i = 1; i <= 40; ++i)
        folded += u"line %1\n"_s.arg(i);
    rows.append(message(u"dave"_s, folded.trimmed(), 24 * 60 + 1));
    rows.append(presence(ChatRowKind::Leave, u"bob"_s, 24 * 60 + 2));
    return rows;
}

// Press, move and release with the left button, as a user drags.
void drag(QWidget *widget, const QPoint &from, const QPoint &to, Qt::KeyboardModifiers mods = {})
{
    QTest::mousePress(widget, Qt::LeftButton, mods, from);
    QMouseEvent move(QEvent::MouseMove, to, widget->mapToGlobal(to), Qt::NoButton, Qt::LeftButton,
                     mods);
    QApplication::sendEvent(widget, &move);
    QTest::mouseRelease(widget, Qt::LeftButton, mods, to);
}

} // namespace

// Receives what QDesktopServices::openUrl would open.
class UrlSink final : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public slots:
    void open(const QUrl &url) { opened.append(url); }
};

class TestChatView final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void rowsFitTogetherAtEveryWidth();
    void mouseSelectionCopiesExactly();
    void doubleAndTripleClickSelect();
    void keyboardSelectionCopies();
    void copyWithoutSelectionCopiesNothing();
    void linksOpenOnlyHttpHttpsAndMailto();
    void presenceRunsCollapse();
    void groupsAndHeaders();
    void longMessagesFold();
    void emojiOnlyMessagesAreLarger();
    void jumpToLatestAndNewCount();
    void unreadDividerFollowsRows();
    void olderRowsKeepTheViewInPlace();
    void layoutIsLazy();
    void accessibleRowsHaveSenderAndTime();
    void contextMenuQuotesAndCopies();
    void textIsNeverMarkup();

private:
    void show(int width = 640, int height = 420);

    QStandardItemModel *m_model = nullptr;
    ChatView *m_view = nullptr;
    UrlSink m_urls;
};

void TestChatView::initTestCase()
{
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    for (const QString &scheme :
         {u"http"_s, u"https"_s, u"mailto"_s, u"javascript"_s, u"file"_s, u"data"_s, u"ftp"_s})
        QDesktopServices::setUrlHandler(scheme, &m_urls, "open");
}

void TestChatView::cleanupTestCase()
{
    for (const QString &scheme :
         {u"http"_s, u"https"_s, u"mailto"_s, u"javascript"_s, u"file"_s, u"data"_s, u"ftp"_s})
        QDesktopServices::unsetUrlHandler(scheme);
}

void TestChatView::init()
{
    m_model = new QStandardItemModel(0, 1, this);
    m_view = new ChatView;
    m_view->setModel(m_model);
    m_urls.opened.clear();
}

void TestChatView::cleanup()
{
    delete m_view;
    delete m_model;
}

void TestChatView::show(int width, int height)
{
    m_view->resize(width, height);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestChatView::rowsFitTogetherAtEveryWidth()
{
    QAbstractItemModelTester tester(m_model,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 4; ++i)
        append(*m_model, conversation());
    show(820, 500);
    QVERIFY2(chatViewGeometryProblem(*m_view).isEmpty(),
             qPrintable(chatViewGeometryProblem(*m_view)));
    // The widths of the issue, then random ones, each at the bottom, the top and in the middle.
    QList<int> widths {300, 420, 820, 420, 300, 820};
    QRandomGenerator random(19);
    for (int i = 0; i < 12; ++i)
        widths.append(random.bounded(260, 1100));
    for (const int width : std::as_const(widths)) {
        m_view->resize(width, 500);
        QCOMPARE(m_view->width(), width);
        QVERIFY2(chatViewGeometryProblem(*m_view).isEmpty(),
                 qPrintable(u"at %1 px: "_s.arg(width) + chatViewGeometryProblem(*m_view)));
        QVERIFY(m_view->isAtBottom());
        m_view->scrollTo(m_model->index(0, 0), QAbstractItemView::PositionAtTop);
        QVERIFY2(chatViewGeometryProblem(*m_view).isEmpty(),
                 qPrintable(u"at %1 px, top: "_s.arg(width) + chatViewGeometryProblem(*m_view)));
        m_view->scrollTo(m_model->index(m_model->rowCount() / 2, 0),
                         QAbstractItemView::PositionAtCenter);
        QVERIFY2(chatViewGeometryProblem(*m_view).isEmpty(),
                 qPrintable(u"at %1 px, middle: "_s.arg(width) + chatViewGeometryProblem(*m_view)));
        // Scrolled by hand to the bottom: following again.
        m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
        QVERIFY(m_view->isAtBottom());
    }
    // Narrower means taller: the long message wraps into more lines.
    const int longRow = 5;
    m_view->setExpanded(m_model->index(longRow, 0), true);
    m_view->resize(300, 500);
    const int narrow = m_view->visualRect(m_model->index(longRow, 0)).height();
    m_view->resize(820, 500);
    const int wide = m_view->visualRect(m_model->index(longRow, 0)).height();
    QVERIFY2(narrow > wide * 2, qPrintable(u"%1 vs %2"_s.arg(narrow).arg(wide)));
}

void TestChatView::mouseSelectionCopiesExactly()
{
    append(*m_model,
           {message(u"alice"_s, u"The quick brown fox"_s), message(u"bob"_s, u"jumps over"_s, 1),
            message(u"carol"_s, u"the lazy dog"_s, 2)});
    show();
    QWidget *viewport = m_view->viewport();
    const QModelIndex fox = m_model->index(0, 0);
    // "quick" by its characters' positions in the layout.
    drag(viewport, m_view->textPoint(fox, 4), m_view->textPoint(fox, 9));
    QCOMPARE(m_view->selectedText(), u"quick"_s);
    m_view->copy();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"quick"_s);
    // Backwards, across all three messages.
    const QModelIndex dog = m_model->index(2, 0);
    drag(viewport, m_view->textPoint(dog, 8), m_view->textPoint(fox, 10));
    QCOMPARE(m_view->selectedText(), u"brown fox\njumps over\nthe lazy"_s);
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"brown fox\njumps over\nthe lazy"_s);
    // Shift+click extends from where the selection started.
    QTest::mouseClick(viewport, Qt::LeftButton, {}, m_view->textPoint(fox, 0));
    QTest::mouseClick(viewport, Qt::LeftButton, Qt::ShiftModifier, m_view->textPoint(fox, 3));
    QCOMPARE(m_view->selectedText(), u"The"_s);
    // A plain click selects nothing.
    QTest::mouseClick(viewport, Qt::LeftButton, {}, m_view->textPoint(dog, 2));
    QVERIFY(!m_view->hasSelectedText());
}

void TestChatView::doubleAndTripleClickSelect()
{
    append(*m_model, {message(u"alice"_s, u"hello wonderful world"_s)});
    show();
    const QModelIndex index = m_model->index(0, 0);
    const QPoint inWonderful = m_view->textPoint(index, 9);
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, inWonderful);
    QCOMPARE(m_view->selectedText(), u"wonderful"_s);
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, inWonderful);
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, inWonderful);
    QCOMPARE(m_view->selectedText(), u"hello wonderful world"_s);
}

void TestChatView::keyboardSelectionCopies()
{
    append(*m_model, {message(u"alice"_s, u"first message"_s),
                      message(u"bob"_s, u"second one"_s, 1), message(u"carol"_s, u"third"_s, 2)});
    show();
    m_view->setFocus();
    QTRY_VERIFY(m_view->hasFocus());
    // With the focus, the latest message is current; Up moves to the one above.
    QCOMPARE(m_view->currentIndex().row(), 2);
    QTest::keyClick(m_view, Qt::Key_Up);
    QCOMPARE(m_view->currentIndex().row(), 1);
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(m_view, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(m_view->selectedText(), u"second"_s);
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"second"_s);
    // By word, and to the end.
    QTest::keyClick(m_view, Qt::Key_Home);
    QVERIFY(!m_view->hasSelectedText());
    QTest::keyClick(m_view, Qt::Key_Right, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_End, Qt::ShiftModifier);
    QCOMPARE(m_view->selectedText(), u"one"_s);
    // Into the next message.
    QTest::keyClick(m_view, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(m_view->selectedText(), u"one\nthird"_s);
    QCOMPARE(m_view->currentIndex().row(), 2);
    QTest::keyClick(m_view, Qt::Key_Escape);
    QVERIFY(!m_view->hasSelectedText());
    QTest::keyClick(m_view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_view->selectedText(), u"third"_s);
    QTest::keyClick(m_view, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(m_view->currentIndex().row(), 0);
}

void TestChatView::copyWithoutSelectionCopiesNothing()
{
    append(*m_model, {message(u"alice"_s, u"nothing to see"_s)});
    show();
    m_view->setFocus();
    QTRY_COMPARE(m_view->currentIndex().row(), 0); // a current message, nothing selected
    QVERIFY(!m_view->hasSelectedText());
    QGuiApplication::clipboard()->setText(u"before"_s);
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"before"_s);
}

void TestChatView::linksOpenOnlyHttpHttpsAndMailto()
{
    const QString safe = u"see https://example.org/a?b=1 or mail mailto:ann@example.org."_s;
    const QString unsafe
        = u"javascript:alert(1) file:///etc/passwd data:text/html,hi ftp://example.org/x"_s;
    append(*m_model, {message(u"alice"_s, safe), message(u"mallory"_s, unsafe, 1)});
    show(900, 400);
    QWidget *viewport = m_view->viewport();
    const QModelIndex safeRow = m_model->index(0, 0);
    const QPoint onHttps = m_view->textPoint(safeRow, int(safe.indexOf(u"example.org/a")) + 3);
    QCOMPARE(m_view->linkAt(onHttps), QUrl(u"https://example.org/a?b=1"_s));
    QTest::mouseMove(viewport, onHttps);
    QCOMPARE(viewport->cursor().shape(), Qt::PointingHandCursor);
    QTest::mouseClick(viewport, Qt::LeftButton, {}, onHttps);
    QCOMPARE(m_urls.opened, QList<QUrl> {QUrl(u"https://example.org/a?b=1"_s)});
    // The sentence's full stop is not part of the address.
    const QPoint onMail = m_view->textPoint(safeRow, int(safe.indexOf(u"ann@")) + 1);
    QTest::mouseClick(viewport, Qt::LeftButton, {}, onMail);
    QCOMPARE(m_urls.opened.size(), 2);
    QCOMPARE(m_urls.opened.last(), QUrl(u"mailto:ann@example.org"_s));
    // Other schemes are text: not links, not opened, no pointing hand.
    const QModelIndex unsafeRow = m_model->index(1, 0);
    for (const QString &word : {u"javascript"_s, u"passwd"_s, u"text/html"_s, u"ftp"_s}) {
        const QPoint point = m_view->textPoint(unsafeRow, int(unsafe.indexOf(word)) + 2);
        QVERIFY2(m_view->linkAt(point).isEmpty(), qPrintable(word));
        QTest::mouseMove(viewport, point);
        QCOMPARE(viewport->cursor().shape(), Qt::IBeamCursor);
        QTest::mouseClick(viewport, Qt::LeftButton, {}, point);
    }
    QCOMPARE(m_urls.opened.size(), 2);
    // Dragging from a link selects; it does not open.
    drag(viewport, onHttps, m_view->textPoint(safeRow, 0));
    QCOMPARE(m_urls.opened.size(), 2);
    QVERIFY(m_view->hasSelectedText());
}

void TestChatView::presenceRunsCollapse()
{
    append(*m_model,
           {presence(ChatRowKind::Join, u"alice"_s), presence(ChatRowKind::Join, u"bob"_s),
            presence(ChatRowKind::Join, u"carol"_s), presence(ChatRowKind::Join, u"dave"_s),
            presence(ChatRowKind::Join, u"erin"_s), message(u"alice"_s, u"hi"_s, 1),
            presence(ChatRowKind::Leave, u"carol"_s, 2), presence(ChatRowKind::Join, u"carol"_s, 2),
            presence(ChatRowKind::Leave, u"dave"_s, 3), presence(ChatRowKind::Join, u"frank"_s, 4),
            presence(ChatRowKind::Leave, u"frank"_s, 5)});
    show();
    QCOMPARE(m_view->rowText(m_model->index(0, 0)), u"alice, bob and 3 others joined"_s);
    for (int row = 1; row <= 4; ++row)
        QVERIFY(m_view->isRowHidden(row));
    QVERIFY(!m_view->isRowHidden(5));
    QCOMPARE(m_view->rowText(m_model->index(6, 0)),
             u"dave left; carol came back; frank joined and left"_s);
    for (int row = 7; row <= 10; ++row)
        QVERIFY(m_view->isRowHidden(row));
    // A new join continues the run at the end; a message ends it.
    append(*m_model, {presence(ChatRowKind::Join, u"gina"_s, 6)});
    QCOMPARE(m_view->rowText(m_model->index(6, 0)),
             u"gina joined; dave left; carol came back; frank joined and left"_s);
    append(*m_model, {message(u"gina"_s, u"hello"_s, 7), presence(ChatRowKind::Join, u"hal"_s, 8)});
    QCOMPARE(m_view->rowText(m_model->index(13, 0)), u"hal joined"_s);
    QVERIFY(!m_view->isRowHidden(13));
    // Removing the run's first row hands the sentence to the next.
    m_model->removeRow(0);
    QCOMPARE(m_view->rowText(m_model->index(0, 0)), u"bob, carol and 2 others joined"_s);
    QVERIFY2(chatViewGeometryProblem(*m_view).isEmpty(),
             qPrintable(chatViewGeometryProblem(*m_view)));
}

void TestChatView::groupsAndHeaders()
{
    Row later = message(u"alice"_s, u"ten minutes later"_s, 12);
    append(*m_model, {message(u"alice"_s, u"one"_s), message(u"alice"_s, u"two"_s, 1),
                      message(u"bob"_s, u"three"_s, 2), message(u"me"_s, u"four"_s, 3, true),
                      message(u"me"_s, u"five"_s, 3, true), later});
    show();
    QCOMPARE(m_view->isGroupStart(0), true);
    QCOMPARE(m_view->isGroupStart(1), false);
    QCOMPARE(m_view->isGroupStart(2), true);
    QCOMPARE(m_view->isGroupStart(3), true);
    QCOMPARE(m_view->isGroupStart(4), false);
    QCOMPARE(m_view->isGroupStart(5), true); // more than five minutes apart
    QVERIFY(m_view->headerText(m_model->index(0, 0)).startsWith(u"alice"_s));
    QVERIFY(m_view->headerText(m_model->index(1, 0)).isEmpty());
    // Own messages on the right, others' on the left.
    const QRect own = m_view->contentRect(m_model->index(3, 0));
    const QRect theirs = m_view->contentRect(m_model->index(2, 0));
    QVERIFY(own.right() > m_view->viewport()->width() * 3 / 4);
    QVERIFY(theirs.left() < m_view->viewport()->width() / 4);
    QVERIFY(own.left() > theirs.right());
}

void TestChatView::longMessagesFold()
{
    QString text;
    for (int i = 1; i <= 40; ++i)
        text += u"line %1\n"_s.arg(i);
    text.chop(1);
    append(*m_model, {message(u"alice"_s, text), message(u"bob"_s, u"short"_s, 1)});
    show(640, 900);
    const QModelIndex index = m_model->index(0, 0);
    QVERIFY(m_view->isFoldable(index));
    QVERIFY(m_view->isFolded(index));
    QVERIFY(!m_view->isFoldable(m_model->index(1, 0)));
    const int folded = m_view->visualRect(index).height();
    // Only what is shown can be selected.
    m_view->setFocus();
    m_view->setCurrentIndex(index);
    QTest::keyClick(m_view, Qt::Key_A, Qt::ControlModifier);
    QVERIFY(m_view->selectedText().startsWith(u"line 1\n"_s));
    QVERIFY(!m_view->selectedText().contains(u"line 40"_s));
    // "Show more" by mouse.
    const QRect toggle = m_view->foldToggleRect(index);
    QVERIFY(!toggle.isEmpty());
    QTest::mouseMove(m_view->viewport(), toggle.center());
    QCOMPARE(m_view->viewport()->cursor().shape(), Qt::PointingHandCursor);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, toggle.center());
    QVERIFY(!m_view->isFolded(index));
    const int expanded = m_view->visualRect(index).height();
    QVERIFY2(expanded > folded * 2, qPrintable(u"%1 vs %2"_s.arg(expanded).arg(folded)));
    QTest::keyClick(m_view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_view->selectedText(), text);
    // "Show less" by keyboard.
    QTest::keyClick(m_view, Qt::Key_Return);
    QVERIFY(m_view->isFolded(index));
    QCOMPARE(m_view->visualRect(index).height(), folded);
    QVERIFY2(chatViewGeometryProblem(*m_view).isEmpty(),
             qPrintable(chatViewGeometryProblem(*m_view)));
}

void TestChatView::emojiOnlyMessagesAreLarger()
{
    append(*m_model, {message(u"alice"_s, u"ok"_s), message(u"bob"_s, u"👍"_s),
                      message(u"carol"_s, u"👍👍👍👍"_s), message(u"dave"_s, u"ok 👍"_s)});
    show();
    const auto height
        = [this](int row) { return m_view->contentRect(m_model->index(row, 0)).height(); };
    // Taller by more than most of a line.
    const int line = QFontMetrics(m_view->font()).height();
    QVERIFY2(height(1) - height(0) > line * 2 / 3,
             qPrintable(u"%1 vs %2"_s.arg(height(1)).arg(height(0))));
    QVERIFY(height(2) < height(1)); // four are not "a few"
    QVERIFY(height(3) < height(1));
}

void TestChatView::jumpToLatestAndNewCount()
{
    QList<Row> rows;
    for (int i = 0; i < 200; ++i)
        rows.append(message(i % 2 ? u"alice"_s : u"bob"_s, u"message %1"_s.arg(i), i * 10));
    append(*m_model, rows);
    show(500, 300);
    JumpToLatestButton *jump = m_view->jumpButton();
    QVERIFY(m_view->isAtBottom());
    QVERIFY(!jump->isVisible());
    // New rows while at the bottom: still at the bottom.
    append(*m_model, {message(u"alice"_s, u"newest"_s, 3000)});
    QVERIFY(m_view->isAtBottom());
    QVERIFY(m_view->visualRect(m_model->index(200, 0)).bottom() < m_view->viewport()->height());

    m_view->verticalScrollBar()->setValue(0);
    QVERIFY(!m_view->isAtBottom());
    QTRY_VERIFY(jump->isVisible());
    QCOMPARE(jump->count(), 0);
    const QRect topRow = m_view->visualRect(m_model->index(0, 0));
    // Others' messages count; one's own does not; what is on screen stays where it is.
    append(*m_model, {message(u"bob"_s, u"a"_s, 3001), message(u"me"_s, u"b"_s, 3002, true),
                      message(u"alice"_s, u"c"_s, 3003), message(u"bob"_s, u"d"_s, 3004)});
    QCOMPARE(m_view->newBelowCount(), 3);
    QTRY_COMPARE(jump->count(), 3);
    QVERIFY(jump->text().contains(u'3'));
    QCOMPARE(m_view->visualRect(m_model->index(0, 0)), topRow);
    // Assistive technology finds the button after the rows.
    QAccessibleInterface *list = QAccessible::queryAccessibleInterface(m_view);
    QCOMPARE(list->childCount(), m_model->rowCount() + 1);
    QAccessibleInterface *button = list->child(m_model->rowCount());
    QCOMPARE(button->object(), jump);
    QCOMPARE(button->text(QAccessible::Name), jump->accessibleName());
    QCOMPARE(list->indexOfChild(button), m_model->rowCount());
    QTest::mouseClick(jump, Qt::LeftButton);
    QVERIFY(m_view->isAtBottom());
    QCOMPARE(list->childCount(), m_model->rowCount());
    QVERIFY(!jump->isVisible());
    QCOMPARE(m_view->newBelowCount(), 0);
    const QRect last = m_view->visualRect(m_model->index(m_model->rowCount() - 1, 0));
    QVERIFY(last.bottom() < m_view->viewport()->height());
}

void TestChatView::unreadDividerFollowsRows()
{
    QList<Row> rows;
    for (int i = 0; i < 20; ++i)
        rows.append(message(u"alice"_s, u"message %1"_s.arg(i), i));
    append(*m_model, rows);
    show(500, 700);
    const QModelIndex marked = m_model->index(15, 0);
    const int before = m_view->visualRect(marked).height();
    m_view->setUnreadMarker(marked);
    const int with = m_view->visualRect(marked).height();
    QVERIFY2(with > before, qPrintable(u"%1 vs %2"_s.arg(with).arg(before)));
    // The divider starts a new group: the marked message shows its header again.
    QVERIFY(m_view->isGroupStart(15));
    QVERIFY(!m_view->isGroupStart(16));
    insert(*m_model, 0, {message(u"bob"_s, u"older"_s, -10)});
    QCOMPARE(m_view->unreadMarker().row(), 16);
    QVERIFY(m_view->visualRect(m_model->index(16, 0)).height() >= with);
    QVERIFY2(chatViewGeometryProblem(*m_view).isEmpty(),
             qPrintable(chatViewGeometryProblem(*m_view)));
    m_view->clearUnreadMarker();
    QVERIFY(!m_view->isGroupStart(16));
    QVERIFY(m_view->visualRect(m_model->index(16, 0)).height() < with);
}

void TestChatView::olderRowsKeepTheViewInPlace()
{
    QList<Row> rows;
    for (int i = 0; i < 100; ++i)
        rows.append(message(i % 3 ? u"alice"_s : u"bob"_s,
                            u"message %1 "_s.arg(i).repeated(i % 7 + 1), i * 10));
    append(*m_model, rows);
    show(500, 400);
    m_view->scrollTo(m_model->index(50, 0), QAbstractItemView::PositionAtTop);
    const int y = m_view->visualRect(m_model->index(50, 0)).top();
    // A page of older history arrives above, as when scrolled to the top.
    QList<Row> older;
    for (int i = 0; i < 60; ++i)
        older.append(message(u"carol"_s, u"older %1"_s.arg(i), -1000 + i));
    insert(*m_model, 0, older);
    QCOMPARE(m_view->visualRect(m_model->index(110, 0)).top(), y);
    QVERIFY(m_view->model()->index(110, 0).data().toString().startsWith(u"message 50 "_s));
}

void TestChatView::layoutIsLazy()
{
    QList<Row> rows;
    for (int i = 0; i < 10'000; ++i)
        rows.append(message(u"user%1"_s.arg(i % 17),
                            u"message number %1 "_s.arg(i).repeated(i % 5 + 1), i));
    append(*m_model, rows);
    show(600, 400);
    QVERIFY(m_view->isAtBottom());
    QVERIFY2(m_view->laidOutRows() < 100, qPrintable(QString::number(m_view->laidOutRows())));
    // Scrolling through all of it keeps a bounded number of layouts.
    QScrollBar *bar = m_view->verticalScrollBar();
    for (int value = bar->maximum(); value > 0; value -= bar->maximum() / 50)
        bar->setValue(value);
    bar->setValue(0);
    QVERIFY2(m_view->laidOutRows() <= 800, qPrintable(QString::number(m_view->laidOutRows())));
    QVERIFY2(chatViewGeometryProblem(*m_view).isEmpty(),
             qPrintable(chatViewGeometryProblem(*m_view)));
    m_view->resize(350, 400);
    QVERIFY2(chatViewGeometryProblem(*m_view).isEmpty(),
             qPrintable(chatViewGeometryProblem(*m_view)));
}

void TestChatView::accessibleRowsHaveSenderAndTime()
{
    MessageListModel model;
    model.setOwnUsername(u"me"_s);
    const qint64 ms = Noon.toMSecsSinceEpoch();
    ChatEntry join;
    join.kind = ChatEntry::Kind::Join;
    join.username = u"alice"_s;
    join.timestampMs = ms;
    ChatEntry hello;
    hello.id = 2;
    hello.username = u"alice"_s;
    hello.text = u"hello there"_s;
    hello.timestampMs = ms + 60'000;
    model.appendEntries({join, hello});
    m_view->setModel(&model);
    show();
    QAccessibleInterface *list = QAccessible::queryAccessibleInterface(m_view);
    QVERIFY(list);
    QCOMPARE(list->role(), QAccessible::List);
    QCOMPARE(list->childCount(), 2);
    const QString time = ChatTime::shortTime(Noon.addSecs(60));
    QAccessibleInterface *message = list->child(1);
    QVERIFY(message);
    QCOMPARE(message->role(), QAccessible::ListItem);
    const QString spoken = message->text(QAccessible::Name);
    QVERIFY2(spoken.contains(u"alice"_s) && spoken.contains(u"hello there"_s)
                 && spoken.contains(time),
             qPrintable(spoken));
    QCOMPARE(list->indexOfChild(message), 1);
    QVERIFY(!message->rect().isEmpty());
    // A system row has text too.
    const QString joined = list->child(0)->text(QAccessible::Name);
    QVERIFY2(joined.contains(u"alice"_s) && joined.contains(u"joined"_s), qPrintable(joined));
    // The keyboard's current row is the focused one.
    m_view->setFocus();
    QTRY_VERIFY(m_view->hasFocus());
    m_view->setCurrentIndex(model.index(1));
    QCOMPARE(list->focusChild(), message);
    QVERIFY(message->state().focused);
    m_view->setModel(m_model);
}

void TestChatView::contextMenuQuotesAndCopies()
{
    const QString text = u"quote me please, https://example.org/x"_s;
    append(*m_model, {message(u"alice"_s, text)});
    show();
    const QModelIndex index = m_model->index(0, 0);
    m_view->selectText(index, 0, 8);
    QSignalSpy quoted(m_view, &ChatView::quoteRequested);
    const auto choose = [](const QString &label) {
        QTimer::singleShot(0, [label] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            for (QAction *action : menu->actions()) {
                if (action->text().remove(u'&') == label) {
                    QVERIFY(action->isEnabled());
                    // As the user picks it: exec() returns what was chosen in the menu.
                    menu->setActiveAction(action);
                    QTest::keyClick(menu, Qt::Key_Return);
                    return;
                }
            }
            menu->close();
            QFAIL(qPrintable(u"no menu item "_s + label));
        });
    };
    const QPoint onText = m_view->textPoint(index, 2);
    choose(u"Quote"_s);
    QContextMenuEvent atText(QContextMenuEvent::Mouse, onText,
                             m_view->viewport()->mapToGlobal(onText));
    QApplication::sendEvent(m_view->viewport(), &atText);
    QCOMPARE(quoted.size(), 1);
    QCOMPARE(quoted.first().first().toString(), u"quote me"_s); // the selection in this message
    choose(u"Copy message text"_s);
    QApplication::sendEvent(m_view->viewport(), &atText);
    QCOMPARE(QGuiApplication::clipboard()->text(), text);
    const QPoint onLink = m_view->textPoint(index, int(text.indexOf(u"example")) + 2);
    choose(u"Copy link address"_s);
    QContextMenuEvent atLink(QContextMenuEvent::Mouse, onLink,
                             m_view->viewport()->mapToGlobal(onLink));
    QApplication::sendEvent(m_view->viewport(), &atLink);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"https://example.org/x"_s);
    QVERIFY(m_urls.opened.isEmpty());
}

void TestChatView::textIsNeverMarkup()
{
    const QString markup
        = u"<b>bold</b> <img src=\"/dev/zero\"> &amp; <a href=\"javascript:x\">x</a>"_s;
    append(*m_model, {message(u"<i>eve</i>"_s, markup)});
    show();
    const QModelIndex index = m_model->index(0, 0);
    QCOMPARE(m_view->rowText(index), markup);
    QVERIFY(m_view->headerText(index).startsWith(u"<i>eve</i>"_s));
    m_view->selectText(index, 0, int(markup.size()));
    QCOMPARE(m_view->selectedText(), markup);
    // The only "link" is inside an attribute and has a scheme that is never a link.
    for (int i = 0; i < markup.size(); ++i)
        QVERIFY(m_view->linkAt(m_view->textPoint(index, i)).isEmpty());
}

QTEST_MAIN(TestChatView)
#include "tst_chatview.moc"
