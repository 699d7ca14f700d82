#include "clienttablemodel.h"

#include "safetext.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// Today the time, before (or after) today the date: narrow enough for every column to fit
// beside the messages; the tooltip has both.
QString timeText(qint64 ms)
{
    if (ms <= 0)
        return {};
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms);
    const QLocale locale;
    return time.date() == QDate::currentDate() ? locale.toString(time.time(), QLocale::ShortFormat)
                                               : locale.toString(time.date(), QLocale::ShortFormat);
}

QString fullTimeText(qint64 ms)
{
    return ms <= 0 ? QString()
                   : QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

bool isMuted(const ClientInfo &client)
{
    return client.mutedUntilMs > QDateTime::currentMSecsSinceEpoch();
}
} // namespace

ClientTableModel::ClientTableModel(QObject *parent) : QAbstractTableModel(parent) { }

ClientTableModel::~ClientTableModel() = default;

int ClientTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_clients.size());
}

int ClientTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ClientInfo &client = m_clients.at(index.row());
    if (role == ClientIdRole)
        return QVariant::fromValue(client.id);
    if (role == SortRole) {
        switch (index.column()) {
        case Username:
            return client.username.toCaseFolded();
        case Address:
            return client.address;
        case ConnectedSince:
            return client.connectedSinceMs;
        case Messages:
            return client.messageCount;
        case LastActivity:
            return client.lastActivityMs;
        case Muted:
            return isMuted(client) ? client.mutedUntilMs : qint64(0);
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() == Messages)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Username:
            return SafeText::toolTip(client.username); // a name is text, never markup
        case ConnectedSince:
            return fullTimeText(client.connectedSinceMs);
        case LastActivity:
            return fullTimeText(client.lastActivityMs);
        case Muted:
            return isMuted(client) ? fullTimeText(client.mutedUntilMs) : QString();
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Username:
        return client.username;
    case Address:
        return client.address;
    case ConnectedSince:
        return timeText(client.connectedSinceMs);
    case Messages:
        return client.messageCount;
    case LastActivity:
        return timeText(client.lastActivityMs);
    case Muted:
        return isMuted(client) ? tr("until %1").arg(timeText(client.mutedUntilMs)) : QString();
    }
    return {};
}

QVariant ClientTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == ConnectedSince)
        return tr("Connected since");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Username:
        return tr("User");
    case Address:
        return tr("Address");
    case ConnectedSince:
        return tr("Since");
    case Messages:
        return tr("Messages");
    case LastActivity:
        return tr("Last activity");
    case Muted:
        return tr("Muted");
    }
    return {};
}

void ClientTableModel::applyChanges(const QList<ClientInfo> &updated,
                                    const QList<ClientId> &removed)
{
    QList<ClientInfo> added;
    int firstChanged = int(m_clients.size());
    int lastChanged = -1;
    for (const ClientInfo &info : updated) {
        const int row = m_rows.value(info.id, -1);
        if (row < 0) {
            // A client may appear twice in one batch only as an update of itself.
            auto same = std::find_if(added.begin(), added.end(),
                                     [&](const ClientInfo &c) { return c.id == info.id; });
            if (same != added.end())
                *same = info;
            else
                added.append(info);
            continue;
        }
        m_clients[row] = info;
        firstChanged = std::min(firstChanged, row);
        lastChanged = std::max(lastChanged, row);
    }
    if (lastChanged >= 0)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    if (!added.isEmpty()) {
        const int first = int(m_clients.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const ClientInfo &info : std::as_const(added)) {
            m_rows.insert(info.id, int(m_clients.size()));
            m_clients.append(info);
        }
        endInsertRows();
    }
    if (removed.isEmpty())
        return;
    QList<int> rows;
    rows.reserve(removed.size());
    for (ClientId id : removed) {
        const int row = m_rows.value(id, -1);
        if (row >= 0)
            rows.append(row);
    }
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Contiguous runs go in one removal each, from the bottom up so the rows above stay valid.
    for (qsizetype i = 0; i < rows.size();) {
        const int last = rows.at(i);
        int first = last;
        while (++i < rows.size() && rows.at(i) == first - 1)
            --first;
        beginRemoveRows({}, first, last);
        m_clients.remove(first, last - first + 1);
        endRemoveRows();
    }
    reindex();
}

void ClientTableModel::clear()
{
    if (m_clients.isEmpty())
        return;
    beginResetModel();
    m_clients.clear();
    m_rows.clear();
    endResetModel();
}

void ClientTableModel::refreshMuted()
{
    if (!m_clients.isEmpty())
        emit dataChanged(index(0, Muted), index(rowCount() - 1, Muted));
}

void ClientTableModel::reindex()
{
    m_rows.clear();
    for (int row = 0; row < m_clients.size(); ++row)
        m_rows.insert(m_clients.at(row).id, row);
}
