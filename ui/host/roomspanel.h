// Lives in the GUI thread. The live rooms (docs/PROTOCOL.md, "The operator's rooms") with what
// the operator does to them: Create…, Delete… (after a confirmation; the history stays
// searchable and exportable), Lock/Unlock, Set topic…, Kick from room… (a member and a reason),
// as buttons under the table and in its context menu; and how many direct conversations and
// messages exist, never their text. The list comes from the server while it changes; what the
// server refuses shows under the table. Independent of any window: it needs only the
// ServerController.
#pragma once

#include "roomtablemodel.h"
#include "tablepanel.h"

#include <QPointer>

class QAction;
class QDialog;
class QLabel;
class QMessageBox;
class ServerController;

class RoomsPanel final : public TablePanel<RoomTableModel>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomsPanel)

public:
    explicit RoomsPanel(ServerController *controller, QWidget *parent = nullptr);
    ~RoomsPanel() override;

    // Each opens its window-modal dialog (named createRoomDialog, deleteRoomConfirmation,
    // roomTopicDialog, kickFromRoomDialog) or, for the lock, acts on the selected room at once.
    void createRoom();
    void deleteSelected();
    void toggleLockSelected();
    void setTopicOfSelected();
    void kickFromSelected();
    // Selects the room of that name; false when it is not listed.
    bool selectRoom(const QString &name);

private:
    void setRooms(const QList<RoomSummary> &rooms, const DirectStats &directs);
    // The selected room; an empty name when none is.
    RoomSummary selectedRoom() const;
    void updateActions();
    void showRefusal(const QString &message);
    QAction *makeAction(const QString &text, const QString &name);

    ServerController *m_controller;
    QAction *m_createAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_lockAction = nullptr;
    QAction *m_topicAction = nullptr;
    QAction *m_kickAction = nullptr;
    QLabel *m_directs = nullptr;
    QLabel *m_refusal = nullptr;
    QPointer<QMessageBox> m_confirmation;
    QPointer<QDialog> m_dialog; // the open input dialog, one at a time
};
