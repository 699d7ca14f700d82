#include "shortcutsdialog.h"

#include "chatinput.h"
#include "conversationactions.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QString shortcutsText(const QList<QKeySequence> &shortcuts)
{
    QStringList texts;
    for (const QKeySequence &shortcut : shortcuts)
        texts.append(shortcut.toString(QKeySequence::NativeText));
    return texts.join(ShortcutsDialog::tr(", "));
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *window, QWidget *parent)
    : QDialog(parent), m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Keyboard shortcuts"));
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);

    QList<QPair<QString, QString>> rows;
    QSet<QString> seen; // an action in a menu and a toolbar is the same QAction: list it once
    const QList<QAction *> actions = window->findChildren<QAction *>();
    for (const QAction *action : actions) {
        // iconText() is the text without its mnemonic and "..."; the typographic ellipsis stays.
        QString text = action->iconText();
        if (text.endsWith(u'\u2026'))
            text.chop(1);
        if (action->shortcuts().isEmpty() || text.isEmpty() || seen.contains(text))
            continue;
        seen.insert(text);
        rows.append({text, shortcutsText(action->shortcuts())});
    }
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.first, b.first) < 0;
    });
    rows.append(ConversationActions::numberKeys());
    for (const auto &[text, key] : ChatInput::keys())
        rows.append({text, key.toString(QKeySequence::NativeText)});

    m_table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        // Items, not labels: an item's text is never rich text.
        m_table->setItem(row, 0, new QTableWidgetItem(rows.at(row).first));
        m_table->setItem(row, 1, new QTableWidgetItem(rows.at(row).second));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(460, 420);
}

ShortcutsDialog::~ShortcutsDialog() = default;

QList<QPair<QString, QString>> ShortcutsDialog::rows() const
{
    QList<QPair<QString, QString>> rows;
    for (int row = 0; row < m_table->rowCount(); ++row)
        rows.append({m_table->item(row, 0)->text(), m_table->item(row, 1)->text()});
    return rows;
}

#include "moc_shortcutsdialog.cpp"
