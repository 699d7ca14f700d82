#include "roomspanel.h"

#include "hosttables.h"
#include "lanchatsettings.h"
#include "safetext.h"
#include "servercontroller.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

RoomsPanel::RoomsPanel(ServerController *controller, QWidget *parent)
    : TablePanel(new RoomTableModel, u"roomList"_s, parent), m_controller(controller)
{
    QVBoxLayout *layout = layOutSingleSelectionList();

    m_createAction = makeAction(tr("&Create…"), u"createRoomAction"_s);
    connect(m_createAction, &QAction::triggered, this, &RoomsPanel::createRoom);
    m_deleteAction = makeAction(tr("&Delete…"), u"deleteRoomAction"_s);
    connect(m_deleteAction, &QAction::triggered, this, &RoomsPanel::deleteSelected);
    m_lockAction = makeAction(tr("&Lock"), u"lockRoomAction"_s);
    m_lockAction->setToolTip(tr("Locks or unlocks the room's topic: in a locked room only you "
                                "can set it"));
    connect(m_lockAction, &QAction::triggered, this, &RoomsPanel::toggleLockSelected);
    m_topicAction = makeAction(tr("Set &topic…"), u"roomTopicAction"_s);
    connect(m_topicAction, &QAction::triggered, this, &RoomsPanel::setTopicOfSelected);
    m_kickAction = makeAction(tr("&Kick from room…"), u"kickFromRoomAction"_s);
    connect(m_kickAction, &QAction::triggered, this, &RoomsPanel::kickFromSelected);
    m_view->addActions({m_createAction, m_deleteAction, m_lockAction, m_topicAction, m_kickAction});

    // Two rows of buttons: five side by side would not fit a narrow dock.
    const auto buttonRow = [this, layout](const QList<QAction *> &actions) {
        auto *row = new QHBoxLayout;
        for (QAction *action : actions) {
            auto *button = new QToolButton(this);
            button->setDefaultAction(action);
            button->setToolButtonStyle(Qt::ToolButtonTextOnly);
            row->addWidget(button);
        }
        row->addStretch(1);
        layout->addLayout(row);
    };
    buttonRow({m_createAction, m_deleteAction, m_lockAction});
    buttonRow({m_topicAction, m_kickAction});

    m_refusal = new QLabel(this);
    m_refusal->setObjectName(u"roomRefusalLabel"_s);
    m_refusal->setTextFormat(Qt::PlainText); // the server's words may quote a peer's
    m_refusal->setWordWrap(true);
    m_refusal->hide();
    layout->addWidget(m_refusal);
    m_directs = new QLabel(this);
    m_directs->setObjectName(u"directStatsLabel"_s);
    m_directs->setTextFormat(Qt::PlainText);
    m_directs->setWordWrap(true);
    layout->addWidget(m_directs);

    HostTables::fitColumns(
        m_view, RoomTableModel::Topic,
        {{RoomTableModel::Locked, u"locked"_s}, {RoomTableModel::Members, u"members"_s}},
        Settings::UiHiddenRoomColumns, tr("C&olumns"));

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RoomsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RoomsPanel::updateActions);
    connect(m_controller, &ServerController::roomsChanged, this, &RoomsPanel::setRooms);
    connect(m_controller, &ServerController::roomRefused, this, &RoomsPanel::showRefusal);
    connect(m_controller, &ServerController::stateChanged, this, [this] {
        if (!m_controller->isRunning())
            setRooms({}, {});
        updateActions();
    });
    setRooms({}, {});
}

RoomsPanel::~RoomsPanel() = default;

QAction *RoomsPanel::makeAction(const QString &text, const QString &name)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    return action;
}

void RoomsPanel::setRooms(const QList<RoomSummary> &rooms, const DirectStats &directs)
{
    const QString selected = selectedRoom().name;
    if (m_model->setRooms(rooms) && !selected.isEmpty())
        selectRoom(selected); // a reset dropped the selection
    m_directs->setText(tr("Direct conversations: %1, direct messages: %2 "
                          "(their text is not shown)")
                           .arg(directs.conversations)
                           .arg(directs.messages));
    updateActions();
}

bool RoomsPanel::selectRoom(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    m_view->selectRow(row);
    return true;
}

RoomSummary RoomsPanel::selectedRoom() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? RoomSummary() : m_model->room(rows.constFirst().row());
}

void RoomsPanel::updateActions()
{
    const bool running = m_controller->isRunning();
    const RoomSummary room = selectedRoom();
    const bool selected = running && !room.name.isEmpty();
    // General is everyone's: never deleted, locked or left (the server's kick removes from it).
    const bool other = selected && room.name != Protocol::DefaultRoom;
    m_createAction->setEnabled(running);
    m_deleteAction->setEnabled(other);
    m_lockAction->setEnabled(other);
    m_lockAction->setText(room.locked ? tr("Un&lock") : tr("&Lock"));
    m_topicAction->setEnabled(selected);
    m_kickAction->setEnabled(other && !room.members.isEmpty());
}

void RoomsPanel::showRefusal(const QString &message)
{
    m_refusal->setText(tr("Not done: %1").arg(message));
    m_refusal->show();
}

void RoomsPanel::createRoom()
{
    if (!m_controller->isRunning() || m_dialog)
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"createRoomDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Create a room"));
    dialog->setLabelText(tr("Name (a-z, 0-9, - and _; at most %1 characters):")
                             .arg(Protocol::Limits::MaxRoomNameLength));
    dialog->setOkButtonText(tr("&Create"));
    if (auto *field = dialog->findChild<QLineEdit *>())
        field->setMaxLength(Protocol::Limits::MaxRoomNameLength);
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &name) {
        m_refusal->hide();
        m_controller->createRoom(name.trimmed());
    });
    m_dialog = dialog;
    dialog->open();
}

void RoomsPanel::deleteSelected()
{
    const RoomSummary room = selectedRoom();
    if (!m_deleteAction->isEnabled() || room.name.isEmpty() || m_confirmation)
        return;
    m_confirmation = new QMessageBox(
        QMessageBox::Question, tr("Delete a room"),
        tr("Delete the room \"%1\"? Its members (%2) are told and leave it. Its history stays "
           "in the database: the History panel still searches and exports it. A room created "
           "later under the same name starts empty.")
            .arg(room.name)
            .arg(room.members.size()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    m_confirmation->setObjectName(u"deleteRoomConfirmation"_s);
    m_confirmation->setTextFormat(Qt::PlainText);
    m_confirmation->button(QMessageBox::Yes)->setText(tr("&Delete"));
    m_confirmation->setDefaultButton(QMessageBox::Cancel);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QMessageBox::accepted, this, [this, name = room.name] {
        m_refusal->hide();
        m_controller->deleteRoom(name);
    });
    m_confirmation->open();
}

void RoomsPanel::toggleLockSelected()
{
    const RoomSummary room = selectedRoom();
    if (!m_lockAction->isEnabled() || room.name.isEmpty())
        return;
    m_refusal->hide();
    m_controller->setRoomLocked(room.name, !room.locked);
}

void RoomsPanel::setTopicOfSelected()
{
    const RoomSummary room = selectedRoom();
    if (!m_topicAction->isEnabled() || room.name.isEmpty() || m_dialog)
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"roomTopicDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(SafeText::windowTitle(tr("Topic of %1").arg(room.name)));
    dialog->setLabelText(tr("Topic (the room's members see it; empty clears it):"));
    dialog->setTextValue(room.topic);
    dialog->setOkButtonText(tr("&Set"));
    if (auto *field = dialog->findChild<QLineEdit *>())
        field->setMaxLength(Protocol::Limits::MaxTopicLength);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, name = room.name](const QString &topic) {
                m_refusal->hide();
                m_controller->setRoomTopic(name, topic.trimmed());
            });
    m_dialog = dialog;
    dialog->open();
}

void RoomsPanel::kickFromSelected()
{
    const RoomSummary room = selectedRoom();
    if (!m_kickAction->isEnabled() || room.name.isEmpty() || m_dialog)
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"kickFromRoomDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(SafeText::windowTitle(tr("Kick from %1").arg(room.name)));
    auto *form = new QFormLayout(dialog);
    auto *member = new QComboBox(dialog);
    member->setObjectName(u"kickMemberField"_s);
    member->addItems(room.members); // shown as plain text
    form->addRow(tr("&Member:"), member);
    auto *reason = new QLineEdit(dialog);
    reason->setObjectName(u"kickReasonField"_s);
    reason->setPlaceholderText(tr("optional; the room's members see it"));
    form->addRow(tr("&Reason:"), reason);
    auto *note = new QLabel(tr("The member leaves this room only and may join it again; "
                               "to keep someone out, ban them."),
                            dialog);
    note->setTextFormat(Qt::PlainText);
    note->setWordWrap(true);
    form->addRow(note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Kick"));
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    form->addRow(buttons);
    connect(dialog, &QDialog::accepted, this, [this, name = room.name, member, reason] {
        m_refusal->hide();
        m_controller->kickFromRoom(name, member->currentText(), reason->text().trimmed());
    });
    m_dialog = dialog;
    dialog->open();
}

#include "moc_roomspanel.cpp"
