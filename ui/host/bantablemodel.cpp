#include "bantablemodel.h"

#include "hosttables.h"

BanTableModel::BanTableModel(QObject *parent)
    : RowTableModel(
        {{QT_TRANSLATE_NOOP("BanTableModel", "User"),
          [](const BanInfo &ban) -> QVariant {
              return ban.username.isEmpty() ? tr("(any)") : ban.username;
          }},
         {QT_TRANSLATE_NOOP("BanTableModel", "Address"),
          [](const BanInfo &ban) -> QVariant {
              return ban.address.isEmpty() ? tr("(any)") : ban.address;
          }},
         {QT_TRANSLATE_NOOP("BanTableModel", "Until"),
          [](const BanInfo &ban) -> QVariant {
              return ban.isPermanent() ? tr("permanent") : HostTables::shortTime(ban.untilMs);
          }},
         {QT_TRANSLATE_NOOP("BanTableModel", "Reason"),
          [](const BanInfo &ban) -> QVariant { return ban.reason; }},
         {QT_TRANSLATE_NOOP("BanTableModel", "By"),
          [](const BanInfo &ban) -> QVariant { return ban.createdBy; }},
         {QT_TRANSLATE_NOOP("BanTableModel", "Since"),
          [](const BanInfo &ban) -> QVariant { return HostTables::shortTime(ban.createdMs); }}},
        parent)
{ }

BanTableModel::~BanTableModel() = default;

QVariant BanTableModel::rowData(const BanInfo &ban, int, int role) const
{
    return role == BanIdRole ? QVariant(ban.id) : QVariant();
}

#include "moc_bantablemodel.cpp"
