#include "eventtablemodel.h"

#include "safetext.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {
// One line per row: a message's line breaks are shown as a visible symbol.
QString oneLine(const QString &text)
{
    QString line = text;
    line.replace(u"\r\n"_s, u"\u21b5 "_s);
    line.replace(u'\n', u"\u21b5 "_s);
    line.replace(u'\r', u"\u21b5 "_s);
    return line;
}
} // namespace

EventTableModel::EventTableModel(int maximumRows, QObject *parent)
    : QAbstractTableModel(parent), m_maximumRows(maximumRows)
{ }

EventTableModel::~EventTableModel() = default;

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventTableModel::describe(const ChatEvent &event)
{
    switch (event.kind) {
    case ChatEvent::Kind::Message:
        return event.text;
    case ChatEvent::Kind::Join:
        return tr("%1 joined").arg(event.username);
    case ChatEvent::Kind::Leave:
        return tr("%1 left").arg(event.username);
    case ChatEvent::Kind::Kick:
        return event.text.isEmpty() ? tr("%1 was kicked").arg(event.username)
                                    : tr("%1 was kicked: %2").arg(event.username, event.text);
    case ChatEvent::Kind::Announcement:
        return tr("Announcement: %1").arg(event.text);
    }
    return {};
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChatEvent &event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: {
            const QDateTime time = QDateTime::fromMSecsSinceEpoch(event.timestampMs);
            return time.date() == QDate::currentDate()
                       ? time.toString(u"HH:mm:ss"_s)
                       : QLocale().toString(time.date(), QLocale::ShortFormat) + u' '
                             + time.toString(u"HH:mm:ss"_s);
        }
        case Sender:
            return event.username;
        case Text:
            return oneLine(describe(event));
        }
        return {};
    case Qt::ToolTipRole:
        // The whole name or text, line breaks and all, where the row shows one cut line.
        switch (index.column()) {
        case Sender:
            return SafeText::toolTip(event.username);
        case Text:
            return SafeText::toolTip(describe(event));
        }
        return {};
    case Qt::FontRole:
        if (event.kind == ChatEvent::Kind::Announcement || event.fromOperator) {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (event.kind != ChatEvent::Kind::Message) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case EventIdRole:
        return event.id;
    case KindRole:
        return int(event.kind);
    }
    return {};
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Sender:
        return tr("From");
    case Text:
        return tr("Message");
    }
    return {};
}

void EventTableModel::appendEvents(const QList<ChatEvent> &events)
{
    if (events.isEmpty())
        return;
    qsizetype skip = 0; // a batch larger than the whole view keeps only its newest rows
    if (m_maximumRows > 0) {
        skip = std::max<qsizetype>(0, events.size() - m_maximumRows);
        const qsizetype excess = m_events.size() + (events.size() - skip) - m_maximumRows;
        if (excess > 0) {
            beginRemoveRows({}, 0, int(excess) - 1);
            m_events.remove(0, excess);
            endRemoveRows();
        }
    }
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + int(events.size() - skip) - 1);
    m_events.append(events.mid(skip));
    endInsertRows();
}

void EventTableModel::prependEvents(const QList<ChatEvent> &events)
{
    if (events.isEmpty())
        return;
    beginInsertRows({}, 0, int(events.size()) - 1);
    m_events = events + m_events;
    endInsertRows();
}

void EventTableModel::clear()
{
    if (m_events.isEmpty())
        return;
    beginResetModel();
    m_events.clear();
    endResetModel();
}
