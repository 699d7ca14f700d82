#include "emojipicker.h"

#include "chatview/emojitext.h"
#include "emojicatalog.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScreen>
#include <QSettings>
#include <QTabBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int EmojiRole = Qt::UserRole + 1;

QFont emojiFont(QFont font, qreal scale)
{
    font.setPointSizeF(font.pointSizeF() * scale);
    if (const QString family = EmojiText::colorFontFamily(); !family.isEmpty())
        font.setFamilies({family});
    return font;
}
} // namespace

EmojiPicker::EmojiPicker(QWidget *parent) : QFrame(parent, Qt::Popup)
{
    setObjectName(u"emojiPicker"_s);
    setAccessibleName(tr("Emoji"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"emojiSearch"_s);
    m_search->setPlaceholderText(tr("Search emoji by name"));
    m_search->setAccessibleName(tr("Search emoji"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    layout->addWidget(m_search);

    m_tabs = new QTabBar(this);
    m_tabs->setObjectName(u"emojiGroups"_s);
    m_tabs->setFont(emojiFont(font(), 1.15));
    m_tabs->setExpanding(false);
    m_tabs->setDrawBase(false);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setFocusPolicy(Qt::TabFocus);
    m_tabGroups.append(QString());
    m_tabs->addTab(u"🕘"_s);
    m_tabs->setTabToolTip(0, tr("Recently used"));
    m_tabs->setAccessibleTabName(0, tr("Recently used"));
    const QStringList groups = EmojiCatalog::groups();
    for (const QString &group : groups) {
        const int index = m_tabs->addTab(EmojiCatalog::groupIcon(group));
        m_tabs->setTabToolTip(index, EmojiCatalog::groupTitle(group));
        m_tabs->setAccessibleTabName(index, EmojiCatalog::groupTitle(group));
        m_tabGroups.append(group);
    }
    layout->addWidget(m_tabs);

    m_grid = new QListWidget(this);
    m_grid->setObjectName(u"emojiGrid"_s);
    m_grid->setAccessibleName(tr("Emoji"));
    m_grid->setViewMode(QListView::IconMode);
    m_grid->setMovement(QListView::Static);
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setWrapping(true);
    m_grid->setUniformItemSizes(true);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setFont(emojiFont(font(), 1.6));
    const int cell = QFontMetrics(m_grid->font()).height() + 10;
    m_grid->setGridSize(QSize(cell, cell));
    m_grid->setMinimumSize(cell * 9 + 24, cell * 6 + 8);
    m_grid->installEventFilter(this);
    layout->addWidget(m_grid, 1);

    m_preview = new QLabel(this);
    m_preview->setObjectName(u"emojiName"_s);
    m_preview->setTextFormat(Qt::PlainText);
    layout->addWidget(m_preview);

    connect(m_tabs, &QTabBar::currentChanged, this, &EmojiPicker::showTab);
    connect(m_search, &QLineEdit::textChanged, this, &EmojiPicker::showSearch);
    connect(m_grid, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        choose(item, QApplication::keyboardModifiers() & Qt::ShiftModifier);
    });
    connect(m_grid, &QListWidget::currentItemChanged, this, &EmojiPicker::updatePreview);
    showTab(0);
}

EmojiPicker::~EmojiPicker() = default;

void EmojiPicker::popUp(QWidget *anchor)
{
    m_search->clear();
    // The recent ones when there are any, else the smileys.
    const bool anyRecent = !EmojiCatalog::recent(QSettings()).isEmpty();
    m_tabs->setCurrentIndex(anyRecent ? 0 : 1);
    showTab(m_tabs->currentIndex());
    adjustSize();
    // Above the button, right edges aligned (the button sits at the window's right).
    const QRect screen = anchor->screen()->availableGeometry();
    QPoint at = anchor->mapToGlobal(QPoint(anchor->width() - width(), -height() - 4));
    if (at.y() < screen.top())
        at = anchor->mapToGlobal(QPoint(anchor->width() - width(), anchor->height() + 4));
    at.setX(std::clamp(at.x(), screen.left(), std::max(screen.left(), screen.right() - width())));
    move(at);
    show();
    m_search->setFocus();
}

void EmojiPicker::fill(const QStringList &emoji, const QString &empty)
{
    m_grid->clear();
    for (const QString &text : emoji) {
        auto *item = new QListWidgetItem(text, m_grid);
        const QString name = EmojiCatalog::nameOf(text);
        item->setData(EmojiRole, text);
        item->setToolTip(name); // Unicode's names: plain words
        item->setData(Qt::AccessibleTextRole, name);
        item->setTextAlignment(Qt::AlignCenter);
    }
    if (m_grid->count() > 0)
        m_grid->setCurrentRow(0);
    m_preview->setText(m_grid->count() > 0 ? m_preview->text() : empty);
    updatePreview();
}

void EmojiPicker::showTab(int index)
{
    if (index < 0 || index >= m_tabGroups.size())
        return;
    if (!m_search->text().isEmpty()) {
        const QSignalBlocker blocker(m_search);
        m_search->clear();
    }
    const QString group = m_tabGroups.at(index);
    QStringList emoji;
    if (group.isEmpty()) {
        emoji = EmojiCatalog::recent(QSettings());
    } else {
        const QList<EmojiCatalog::Emoji> members = EmojiCatalog::inGroup(group);
        for (const EmojiCatalog::Emoji &member : members)
            emoji.append(member.text);
    }
    fill(emoji, tr("Nothing used recently"));
}

void EmojiPicker::showSearch(const QString &text)
{
    if (text.trimmed().isEmpty()) {
        showTab(m_tabs->currentIndex());
        return;
    }
    QStringList emoji;
    const QList<EmojiCatalog::Emoji> found = EmojiCatalog::search(text);
    for (const EmojiCatalog::Emoji &match : found)
        emoji.append(match.text);
    fill(emoji, tr("No emoji found"));
}

void EmojiPicker::updatePreview()
{
    const QListWidgetItem *item = m_grid->currentItem();
    if (item)
        m_preview->setText(item->text() + u"  "_s + item->toolTip());
}

void EmojiPicker::choose(QListWidgetItem *item, bool keepOpen)
{
    if (!item)
        return;
    const QString emoji = item->data(EmojiRole).toString();
    QSettings settings;
    EmojiCatalog::remember(settings, emoji);
    emit emojiChosen(emoji);
    if (!keepOpen)
        close();
}

bool EmojiPicker::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const bool keep = key->modifiers() & Qt::ShiftModifier;
    if (watched == m_search) {
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            choose(m_grid->currentItem(), keep);
            return true;
        case Qt::Key_Down:
        case Qt::Key_Up:
        case Qt::Key_Left:
        case Qt::Key_Right:
            if (key->key() == Qt::Key_Down || m_search->text().isEmpty()) {
                m_grid->setFocus();
                QApplication::sendEvent(m_grid, event);
                return true;
            }
            break;
        default:
            break;
        }
    } else if (watched == m_grid && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
        choose(m_grid->currentItem(), keep);
        return true;
    } else if (watched == m_grid && !key->text().isEmpty() && key->text().at(0).isPrint()
               && key->key() != Qt::Key_Space) {
        // Typing in the grid searches.
        m_search->setFocus();
        m_search->insert(key->text());
        return true;
    }
    return QFrame::eventFilter(watched, event);
}

void EmojiPicker::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QFrame::keyPressEvent(event);
}

#include "moc_emojipicker.cpp"
