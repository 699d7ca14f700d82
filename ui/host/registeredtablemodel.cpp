#include "registeredtablemodel.h"

#include "hosttables.h"

RegisteredTableModel::RegisteredTableModel(QObject *parent)
    : RowTableModel({{QT_TRANSLATE_NOOP("RegisteredTableModel", "Name"),
                      [](const RegisteredName &name) -> QVariant { return name.username; }},
                     {QT_TRANSLATE_NOOP("RegisteredTableModel", "First seen"),
                      [](const RegisteredName &name) -> QVariant {
                          return HostTables::shortTime(name.firstSeenMs);
                      }},
                     {QT_TRANSLATE_NOOP("RegisteredTableModel", "Last seen"),
                      [](const RegisteredName &name) -> QVariant {
                          return HostTables::shortTime(name.lastSeenMs);
                      }},
                     {QT_TRANSLATE_NOOP("RegisteredTableModel", "Online"),
                      [](const RegisteredName &name) -> QVariant {
                          return name.online ? tr("online") : QString();
                      }}},
                    parent)
{ }

RegisteredTableModel::~RegisteredTableModel() = default;

#include "moc_registeredtablemodel.cpp"
