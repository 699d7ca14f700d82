// Lives in the GUI thread. The active bans, with "Ban a name or address…" and Unban; the list
// comes from the server whenever it changes. Independent of any window: it needs only the
// ServerController.
#pragma once

#include "bantablemodel.h"
#include "tablepanel.h"

class QAction;
class QPushButton;
class ServerController;

class BansPanel final : public TablePanel<BanTableModel>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BansPanel)

public:
    explicit BansPanel(ServerController *controller, QWidget *parent = nullptr);
    ~BansPanel() override;

    // Unbans the selected rows; in the list's context menu (enabled while the server runs).
    QAction *unbanAction() const { return m_unbanAction; }
    void unbanSelected();

signals:
    // How many bans are active (for a tab's title).
    void countChanged(int count);

private:
    void updateActions();

    ServerController *m_controller;
    QPushButton *m_unbanButton = nullptr;
    QAction *m_unbanAction = nullptr;
};
