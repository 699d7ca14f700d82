// Lives in the GUI thread. The registered names (docs/PROTOCOL.md, "Identities and registered
// names"), with Release… for a person who lost their identity: after a confirmation the server
// frees the name (a `release` in the moderation log). The list comes from the server whenever it
// changes. Independent of any window: it needs only the ServerController.
#pragma once

#include "registeredtablemodel.h"
#include "tablepanel.h"

#include <QPointer>

class QMessageBox;
class QPushButton;
class ServerController;

class RegisteredPanel final : public TablePanel<RegisteredTableModel>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegisteredPanel)

public:
    explicit RegisteredPanel(ServerController *controller, QWidget *parent = nullptr);
    ~RegisteredPanel() override;

    // Asks (a window-modal box named "releaseConfirmation") whether to release the selected name.
    void releaseSelected();

private:
    void updateActions();

    ServerController *m_controller;
    QPushButton *m_releaseButton = nullptr;
    QPointer<QMessageBox> m_confirmation;
};
