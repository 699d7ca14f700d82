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

// Each column: its title, what it shows, its tooltip, its sort key (and the header's tooltip).
ClientTableModel::ClientTableModel(QObject *parent)
    : RowTableModel(
        {{QT_TRANSLATE_NOOP("ClientTableModel", "User"),
          [](const ClientInfo &client) -> QVariant { return client.username; },
          // A name is text, never markup.
          [](const ClientInfo &client) -> QVariant { return SafeText::toolTip(client.username); },
          [](const ClientInfo &client) -> QVariant { return client.username.toCaseFolded(); }},
         {QT_TRANSLATE_NOOP("ClientTableModel", "Address"),
          [](const ClientInfo &client) -> QVariant { return client.address; }, nullptr,
          [](const ClientInfo &client) -> QVariant { return client.address; }},
         {QT_TRANSLATE_NOOP("ClientTableModel", "Since"),
          [](const ClientInfo &client) -> QVariant { return timeText(client.connectedSinceMs); },
          [](const ClientInfo &client) -> QVariant {
              return fullTimeText(client.connectedSinceMs);
          },
          [](const ClientInfo &client) -> QVariant { return client.connectedSinceMs; },
          QT_TRANSLATE_NOOP("ClientTableModel", "Connected since")},
         {QT_TRANSLATE_NOOP("ClientTableModel", "Messages"),
          [](const ClientInfo &client) -> QVariant { return client.messageCount; }, nullptr,
          [](const ClientInfo &client) -> QVariant { return client.messageCount; }},
         {QT_TRANSLATE_NOOP("ClientTableModel", "Last activity"),
          [](const ClientInfo &client) -> QVariant { return timeText(client.lastActivityMs); },
          [](const ClientInfo &client) -> QVariant { return fullTimeText(client.lastActivityMs); },
          [](const ClientInfo &client) -> QVariant { return client.lastActivityMs; }},
         {QT_TRANSLATE_NOOP("ClientTableModel", "Muted"),
          [](const ClientInfo &client) -> QVariant {
              return isMuted(client) ? tr("until %1").arg(timeText(client.mutedUntilMs))
                                     : QString();
          },
          [](const ClientInfo &client) -> QVariant {
              return isMuted(client) ? fullTimeText(client.mutedUntilMs) : QString();
          },
          [](const ClientInfo &client) -> QVariant {
              return isMuted(client) ? client.mutedUntilMs : qint64(0);
          }}},
        parent)
{
    setSortRole(SortRole);
}

ClientTableModel::~ClientTableModel() = default;

QVariant ClientTableModel::rowData(const ClientInfo &client, int column, int role) const
{
    if (role == ClientIdRole)
        return QVariant::fromValue(client.id);
    if (role == Qt::TextAlignmentRole && column == Messages)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

void ClientTableModel::applyChanges(const QList<ClientInfo> &updated,
                                    const QList<ClientId> &removed)
{
    QList<ClientInfo> added;
    int firstChanged = int(m_rows.size());
    int lastChanged = -1;
    for (const ClientInfo &info : updated) {
        const int row = m_rowById.value(info.id, -1);
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
        m_rows[row] = info;
        firstChanged = std::min(firstChanged, row);
        lastChanged = std::max(lastChanged, row);
    }
    if (lastChanged >= 0)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const ClientInfo &info : std::as_const(added)) {
            m_rowById.insert(info.id, int(m_rows.size()));
            m_rows.append(info);
        }
        endInsertRows();
    }
    if (removed.isEmpty())
        return;
    QList<int> rows;
    rows.reserve(removed.size());
    for (ClientId id : removed) {
        const int row = m_rowById.value(id, -1);
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
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    }
    reindex();
}

void ClientTableModel::clear()
{
    m_rowById.clear(); // only rowOf() reads it, and nothing asks between here and the reset
    RowTableModel::clear();
}

void ClientTableModel::refreshMuted()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Muted), index(rowCount() - 1, Muted));
}

void ClientTableModel::reindex()
{
    m_rowById.clear();
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowById.insert(m_rows.at(row).id, row);
}

#include "moc_clienttablemodel.cpp"
