// Lives in the GUI thread. Help → Keyboard shortcuts: every action of a window that has a shortcut,
// read from the actions themselves (so the list cannot drift from what the keys do), plus the
// message input's keys.
#pragma once

#include <QDialog>

class QTableWidget;

class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    // window: whose actions (its menus' and toolbars', found as its children) are listed.
    explicit ShortcutsDialog(QWidget *window, QWidget *parent = nullptr);
    ~ShortcutsDialog() override;

    // What is listed, in order: the action's text without mnemonic and ellipsis, and its shortcuts
    // as the platform writes them.
    QList<QPair<QString, QString>> rows() const;

private:
    QTableWidget *m_table = nullptr;
};
