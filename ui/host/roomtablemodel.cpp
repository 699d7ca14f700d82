#include "roomtablemodel.h"

#include "safetext.h"

#include <algorithm>

RoomTableModel::RoomTableModel(QObject *parent)
    : RowTableModel(
        {{QT_TRANSLATE_NOOP("RoomTableModel", "Room"),
          [](const RoomSummary &room) -> QVariant { return room.name; }},
         {QT_TRANSLATE_NOOP("RoomTableModel", "Topic"),
          [](const RoomSummary &room) -> QVariant { return room.topic; },
          [](const RoomSummary &room) -> QVariant {
              return room.topic.isEmpty() ? QVariant() : SafeText::toolTip(room.topic);
          }},
         {QT_TRANSLATE_NOOP("RoomTableModel", "Locked"),
          [](const RoomSummary &room) -> QVariant {
              return room.locked ? tr("locked") : QString();
          }},
         {QT_TRANSLATE_NOOP("RoomTableModel", "Members"),
          [](const RoomSummary &room) -> QVariant {
              // General has no list: everyone is in it.
              return room.name == Protocol::DefaultRoom
                         ? tr("all, %1 online").arg(room.onlineMembers)
                         : tr("%1, %2 online").arg(room.members.size()).arg(room.onlineMembers);
          },
          [](const RoomSummary &room) -> QVariant {
              return room.members.isEmpty() ? QVariant()
                                            : SafeText::toolTip(room.members.join(u", "));
          }}},
        parent)
{ }

RoomTableModel::~RoomTableModel() = default;

bool RoomTableModel::setRooms(const QList<RoomSummary> &rooms)
{
    const auto same = [](const RoomSummary &a, const RoomSummary &b) {
        return a.name == b.name && a.topic == b.topic && a.locked == b.locked
               && a.members == b.members && a.onlineMembers == b.onlineMembers;
    };
    if (rooms.size() == m_rows.size()
        && std::equal(rooms.cbegin(), rooms.cend(), m_rows.cbegin(), same))
        return false;
    resetRows(rooms);
    return true;
}

int RoomTableModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).name == name)
            return row;
    }
    return -1;
}

#include "moc_roomtablemodel.cpp"
