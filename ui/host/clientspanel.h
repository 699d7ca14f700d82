// Lives in the GUI thread. The connected clients, sortable and filtered by name, with the actions
// on the selected one: kick (with a reason), ban (BanDialog), mute for a while, unmute. The
// actions carry the console's shortcuts and are buttons under the table; a window puts them in its
// menus too.
// Independent of any window: it needs only the ServerController.
#pragma once

#include "chattypes.h"
#include "clienttablemodel.h"
#include "tablepanel.h"

class QAction;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QTimer;
class ServerController;

class ClientsPanel final : public TablePanel<ClientTableModel>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientsPanel)

public:
    explicit ClientsPanel(ServerController *controller, QWidget *parent = nullptr);
    ~ClientsPanel() override;

    ClientInfo selectedClient() const;
    // Kick…, Ban…, Mute (with a menu of durations), Unmute: enabled for a selected client while
    // the server runs.
    QList<QAction *> clientActions() const;
    QAction *muteAction() const { return m_muteAction; }
    // Shows or hides each column but the name (also the header's context menu); remembered.
    QMenu *columnMenu() const { return m_columnMenu; }
    void focusFilter();
    // Selects the connected client of that name (clearing the filter when it hides the client),
    // so that the actions apply to it; false when nobody of that name is connected.
    bool selectClient(const QString &username);
    // Connected chat clients that are not operators (not the host's own chat).
    int participantCount() const;

    // The actions on the selected client; kick and ban open small dialogs with open().
    void kickSelected();
    void banSelected();
    void muteSelected(qint64 seconds);
    void unmuteSelected();

private:
    void createActions();
    void updateActions();

    ServerController *m_controller;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QTimer *m_mutedTimer = nullptr;
    QAction *m_kickAction = nullptr;
    QAction *m_banAction = nullptr;
    QAction *m_muteAction = nullptr;
    QAction *m_unmuteAction = nullptr;
    QMenu *m_columnMenu = nullptr;
};
