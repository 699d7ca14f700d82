// Lives in the GUI thread. The chat timeline for the view: the events ChatClient handed out, in
// id order, followed by the user's messages that wait for their acknowledgement (or were
// refused). Each batch is inserted with one beginInsertRows(). Text is data, never markup.
// Provides the roles ChatView reads (chatview/chatviewroles.h), Qt::AccessibleTextRole
// ("alice, 14:05: hello") and a full date and time as Qt::ToolTipRole.
#pragma once

#include "chatview/chatviewroles.h"
#include "clienttypes.h"

#include <QAbstractListModel>
#include <QList>

class MessageListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageListModel)

public:
    enum Role {
        KindRole = ChatViewRole::Kind, // ChatRowKind as int
        UsernameRole = ChatViewRole::Sender,
        TimestampRole = ChatViewRole::Timestamp, // QDateTime in local time
        OwnRole = ChatViewRole::Own,
        DeliveryRole = ChatViewRole::Delivery, // Delivery as int
        MentionRole = ChatViewRole::Mention, // someone else's message names the user
        MentionRangesRole = ChatViewRole::MentionRanges,
        DayStartRole = ChatViewRole::DayStart, // the first row of its local day
        ReasonRole = ChatViewRole::Reason, // why a message was refused
        IdRole = ChatViewRole::FirstFreeRole,
        CidRole,
    };
    using Delivery = ChatDelivery;

    explicit MessageListModel(QObject *parent = nullptr);
    ~MessageListModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setOwnUsername(const QString &username);
    int eventCount() const { return int(m_eventCount); }
    int pendingCount() const { return int(m_rows.size() - m_eventCount); }

    // Newer events: inserted after the existing ones; pending rows with the same cid go away.
    void appendEntries(const QList<ChatEntry> &entries);
    // Older events: inserted at the top.
    void prependEntries(const QList<ChatEntry> &entries);
    // The client's pending messages: rows for new ones are added, acknowledged ones removed.
    void setPending(const QList<OutgoingMessage> &pending);
    void markRefused(const QString &cid, const QString &text, const QString &reason);
    // Forgets the events (keeps pending rows).
    void clearEntries();

private:
    struct Row;
    QString accessibleText(const Row &row) const;

    struct Row
    {
        ChatEntry entry;
        Delivery delivery = Delivery::Delivered;
        QString reason;
    };
    void removeRowAt(qsizetype row);
    void pendingRowsChanged();

    QList<Row> m_rows;
    qsizetype m_eventCount = 0;
    QString m_ownUsername;
};
