// Lives in the GUI thread. Chat events (messages, joins, leaves, kicks, announcements) as rows of
// time, sender and text, always plain text. The live view appends each activity batch with one
// beginInsertRows and keeps at most maximumRows() rows by dropping the oldest with one
// beginRemoveRows; the history view prepends stored pages.
#pragma once

#include "chattypes.h"

#include <QAbstractTableModel>
#include <QList>

class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableModel)

public:
    enum Column { Time, Sender, Text, ColumnCount };
    enum Role { EventIdRole = Qt::UserRole, KindRole };

    // maximumRows 0: unbounded.
    explicit EventTableModel(int maximumRows, QObject *parent = nullptr);
    ~EventTableModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    int maximumRows() const { return m_maximumRows; }
    // Newest last; drops the oldest rows beyond maximumRows().
    void appendEvents(const QList<ChatEvent> &events);
    // Older events (oldest first) in front of the current rows.
    void prependEvents(const QList<ChatEvent> &events);
    void clear();

    ChatEvent event(int row) const { return m_events.value(row); }
    qint64 oldestId() const { return m_events.isEmpty() ? 0 : m_events.first().id; }
    // The event as one line of plain text: "sender: text", "sender joined", …
    static QString describe(const ChatEvent &event);

private:
    QList<ChatEvent> m_events;
    int m_maximumRows;
};
