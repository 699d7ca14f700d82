#include "messagelistmodel.h"

#include "chatclient.h"
#include "chattime.h"

#include <QDateTime>
#include <QSet>

using namespace Qt::StringLiterals;

namespace {
ChatRowKind rowKind(ChatEntry::Kind kind)
{
    switch (kind) {
    case ChatEntry::Kind::Message:
        return ChatRowKind::Message;
    case ChatEntry::Kind::Join:
        return ChatRowKind::Join;
    case ChatEntry::Kind::Leave:
        return ChatRowKind::Leave;
    case ChatEntry::Kind::Kick:
        return ChatRowKind::Kick;
    case ChatEntry::Kind::Announcement:
        return ChatRowKind::Announcement;
    case ChatEntry::Kind::Topic:
        return ChatRowKind::Notice;
    }
    return ChatRowKind::Message;
}

bool isMention(const ChatEntry &entry, const QString &ownUsername)
{
    return entry.kind == ChatEntry::Kind::Message && !entry.own
           && ChatClient::mentions(entry.text, ownUsername);
}
} // namespace

MessageListModel::MessageListModel(QObject *parent) : QAbstractListModel(parent) { }

MessageListModel::~MessageListModel() = default;

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const ChatEntry &entry = row.entry;
    switch (role) {
    case Qt::DisplayRole:
        // A topic event is a line of its own that says what happened.
        if (entry.kind == ChatEntry::Kind::Topic)
            return entry.text.isEmpty()
                       ? tr("%1 cleared the topic").arg(entry.username)
                       : tr("%1 set the topic: %2").arg(entry.username, entry.text);
        return entry.text;
    case Qt::ToolTipRole:
        return ChatTime::longTime(QDateTime::fromMSecsSinceEpoch(entry.timestampMs));
    case Qt::AccessibleTextRole:
        return accessibleText(row);
    case KindRole:
        return int(rowKind(entry.kind));
    case UsernameRole:
        return entry.username;
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(entry.timestampMs);
    case OwnRole:
        return entry.own;
    case DeliveryRole:
        return int(row.delivery);
    case MentionRole:
        return isMention(entry, m_ownUsername);
    case MentionRangesRole:
        return QVariant::fromValue(isMention(entry, m_ownUsername)
                                       ? ChatClient::mentionRanges(entry.text, m_ownUsername)
                                       : QList<int>());
    case DayStartRole: {
        if (index.row() == 0)
            return true;
        const QDate date = QDateTime::fromMSecsSinceEpoch(entry.timestampMs).date();
        const QDate previous
            = QDateTime::fromMSecsSinceEpoch(m_rows.at(index.row() - 1).entry.timestampMs).date();
        return date != previous;
    }
    case IdRole:
        return entry.id;
    case CidRole:
        return entry.cid;
    case ReasonRole:
        return row.reason;
    default:
        return {};
    }
}

// What a screen reader says for the row: who, when, what.
QString MessageListModel::accessibleText(const Row &row) const
{
    const ChatEntry &entry = row.entry;
    const QString time = ChatTime::shortTime(QDateTime::fromMSecsSinceEpoch(entry.timestampMs));
    switch (entry.kind) {
    case ChatEntry::Kind::Join:
        return tr("%1 joined, %2").arg(entry.username, time);
    case ChatEntry::Kind::Leave:
        return tr("%1 left, %2").arg(entry.username, time);
    case ChatEntry::Kind::Kick:
        return entry.text.isEmpty()
                   ? tr("%1 was removed by the operator, %2").arg(entry.username, time)
                   : tr("%1 was removed by the operator, %2: %3")
                         .arg(entry.username, time, entry.text);
    case ChatEntry::Kind::Announcement:
        return tr("Announcement from %1, %2: %3").arg(entry.username, time, entry.text);
    case ChatEntry::Kind::Topic:
        return entry.text.isEmpty()
                   ? tr("%1 cleared the topic, %2").arg(entry.username, time)
                   : tr("%1 set the topic, %2: %3").arg(entry.username, time, entry.text);
    case ChatEntry::Kind::Message:
        break;
    }
    switch (row.delivery) {
    case Delivery::Pending:
        return tr("%1, %2, sending: %3").arg(entry.username, time, entry.text);
    case Delivery::Failed:
        return tr("%1, %2, not sent (%3): %4").arg(entry.username, time, row.reason, entry.text);
    case Delivery::Delivered:
        break;
    }
    return tr("%1, %2: %3").arg(entry.username, time, entry.text);
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(UsernameRole, "username");
    names.insert(TimestampRole, "timestamp");
    names.insert(OwnRole, "own");
    names.insert(DeliveryRole, "delivery");
    names.insert(MentionRole, "mention");
    names.insert(MentionRangesRole, "mentionRanges");
    names.insert(DayStartRole, "dayStart");
    names.insert(IdRole, "eventId");
    names.insert(CidRole, "cid");
    names.insert(ReasonRole, "reason");
    return names;
}

void MessageListModel::setOwnUsername(const QString &username)
{
    if (username == m_ownUsername)
        return;
    m_ownUsername = username;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {MentionRole, MentionRangesRole});
}

void MessageListModel::appendEntries(const QList<ChatEntry> &entries)
{
    if (entries.isEmpty())
        return;
    const int first = int(m_eventCount);
    beginInsertRows({}, first, first + int(entries.size()) - 1);
    QList<Row> rows;
    rows.reserve(entries.size());
    QSet<QString> cids;
    for (const ChatEntry &entry : entries) {
        rows.append({entry, Delivery::Delivered, {}});
        if (!entry.cid.isEmpty())
            cids.insert(entry.cid);
    }
    m_rows.insert(m_eventCount, rows.size(), Row());
    std::copy(rows.cbegin(), rows.cend(), m_rows.begin() + m_eventCount);
    m_eventCount += rows.size();
    endInsertRows();

    // The acknowledged messages replace their pending rows.
    for (qsizetype i = m_rows.size() - 1; i >= m_eventCount; --i) {
        if (cids.contains(m_rows.at(i).entry.cid))
            removeRowAt(i);
    }
    pendingRowsChanged();
}

void MessageListModel::prependEntries(const QList<ChatEntry> &entries)
{
    if (entries.isEmpty())
        return;
    const bool hadRows = !m_rows.isEmpty();
    beginInsertRows({}, 0, int(entries.size()) - 1);
    QList<Row> rows;
    rows.reserve(entries.size() + m_rows.size());
    for (const ChatEntry &entry : entries)
        rows.append({entry, Delivery::Delivered, {}});
    rows.append(m_rows);
    m_rows = std::move(rows);
    m_eventCount += entries.size();
    endInsertRows();
    if (hadRows) {
        const QModelIndex junction = index(int(entries.size()));
        emit dataChanged(junction, junction, {DayStartRole});
    }
}

void MessageListModel::setPending(const QList<OutgoingMessage> &pending)
{
    QSet<QString> wanted;
    for (const OutgoingMessage &message : pending)
        wanted.insert(message.cid);
    QSet<QString> shown;
    for (qsizetype i = m_rows.size() - 1; i >= m_eventCount; --i) {
        const Row &row = m_rows.at(i);
        if (row.delivery == Delivery::Pending && !wanted.contains(row.entry.cid))
            removeRowAt(i);
        else
            shown.insert(m_rows.at(i).entry.cid);
    }
    QList<Row> added;
    for (const OutgoingMessage &message : pending) {
        if (shown.contains(message.cid))
            continue;
        Row row;
        row.entry.kind = ChatEntry::Kind::Message;
        row.entry.username = m_ownUsername;
        row.entry.text = message.text;
        row.entry.timestampMs = message.createdMs;
        row.entry.cid = message.cid;
        row.entry.own = true;
        row.delivery = Delivery::Pending;
        added.append(row);
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
    m_rows.append(added);
    endInsertRows();
}

void MessageListModel::markRefused(const QString &cid, const QString &text, const QString &reason)
{
    for (qsizetype i = m_eventCount; i < m_rows.size(); ++i) {
        if (m_rows.at(i).entry.cid == cid) {
            m_rows[i].delivery = Delivery::Failed;
            m_rows[i].reason = reason;
            const QModelIndex changed = index(int(i));
            emit dataChanged(changed, changed, {DeliveryRole, ReasonRole});
            return;
        }
    }
    Row row;
    row.entry.kind = ChatEntry::Kind::Message;
    row.entry.username = m_ownUsername;
    row.entry.text = text;
    row.entry.timestampMs = QDateTime::currentMSecsSinceEpoch();
    row.entry.cid = cid;
    row.entry.own = true;
    row.delivery = Delivery::Failed;
    row.reason = reason;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows.append(row);
    endInsertRows();
}

void MessageListModel::clearEntries()
{
    if (m_eventCount == 0)
        return;
    beginRemoveRows({}, 0, int(m_eventCount) - 1);
    m_rows.remove(0, m_eventCount);
    m_eventCount = 0;
    endRemoveRows();
}

void MessageListModel::removeRowAt(qsizetype row)
{
    beginRemoveRows({}, int(row), int(row));
    m_rows.removeAt(row);
    if (row < m_eventCount)
        --m_eventCount;
    endRemoveRows();
}

void MessageListModel::pendingRowsChanged()
{
    if (m_eventCount < m_rows.size())
        emit dataChanged(index(int(m_eventCount)), index(int(m_rows.size()) - 1), {DayStartRole});
}

#include "moc_messagelistmodel.cpp"
