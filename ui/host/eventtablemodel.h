// Lives in the GUI thread. Chat events (messages, joins, leaves, kicks, announcements) as rows of
// time, sender and text, always plain text. The live view appends each activity batch with one
// beginInsertRows and keeps at most maximumRows() rows by dropping the oldest with one
// beginRemoveRows; the history view prepends stored pages.
#pragma once

#include "chattypes.h"
#include "rowtablemodel.h"

class EventTableModel final : public RowTableModel<ChatEvent>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableModel)

public:
    enum Column { Time, Sender, Text, ColumnCount };
    enum Role { EventIdRole = Qt::UserRole, KindRole };

    // maximumRows 0: unbounded.
    explicit EventTableModel(int maximumRows, QObject *parent = nullptr);
    ~EventTableModel() override;

    int maximumRows() const { return m_maximumRows; }
    // Newest last; drops the oldest rows beyond maximumRows().
    void appendEvents(const QList<ChatEvent> &events);
    // Older events (oldest first) in front of the current rows.
    void prependEvents(const QList<ChatEvent> &events);

    ChatEvent event(int row) const { return m_rows.value(row); }
    qint64 oldestId() const { return m_rows.isEmpty() ? 0 : m_rows.first().id; }
    // The event as one line of plain text: "sender: text", "sender joined", …
    static QString describe(const ChatEvent &event);

private:
    QVariant rowData(const ChatEvent &event, int column, int role) const override;

    int m_maximumRows;
};
