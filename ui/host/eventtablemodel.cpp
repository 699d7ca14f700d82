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

// HH:mm:ss today, the locale's short date before it.
QString timeText(qint64 msSinceEpoch)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    return time.date() == QDate::currentDate()
               ? time.toString(u"HH:mm:ss"_s)
               : QLocale().toString(time.date(), QLocale::ShortFormat) + u' '
                     + time.toString(u"HH:mm:ss"_s);
}
} // namespace

EventTableModel::EventTableModel(int maximumRows, QObject *parent)
    // The tooltips have the whole name or text, line breaks and all, where the row shows one cut
    // line.
    : RowTableModel(
        {{QT_TRANSLATE_NOOP("EventTableModel", "Time"),
          [](const ChatEvent &event) -> QVariant { return timeText(event.timestampMs); }},
         {QT_TRANSLATE_NOOP("EventTableModel", "From"),
          [](const ChatEvent &event) -> QVariant { return event.username; },
          [](const ChatEvent &event) -> QVariant { return SafeText::toolTip(event.username); }},
         {QT_TRANSLATE_NOOP("EventTableModel", "Message"),
          [](const ChatEvent &event) -> QVariant { return oneLine(describe(event)); },
          [](const ChatEvent &event) -> QVariant { return SafeText::toolTip(describe(event)); }}},
        parent),
      m_maximumRows(maximumRows)
{ }

EventTableModel::~EventTableModel() = default;

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
    case ChatEvent::Kind::Topic:
        return tr("%1 set the topic: %2").arg(event.username, event.text);
    }
    return {};
}

QVariant EventTableModel::rowData(const ChatEvent &event, int, int role) const
{
    switch (role) {
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

void EventTableModel::appendEvents(const QList<ChatEvent> &events)
{
    if (events.isEmpty())
        return;
    qsizetype skip = 0; // a batch larger than the whole view keeps only its newest rows
    if (m_maximumRows > 0) {
        skip = std::max<qsizetype>(0, events.size() - m_maximumRows);
        const qsizetype excess = m_rows.size() + (events.size() - skip) - m_maximumRows;
        if (excess > 0) {
            beginRemoveRows({}, 0, int(excess) - 1);
            m_rows.remove(0, excess);
            endRemoveRows();
        }
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(events.size() - skip) - 1);
    m_rows.append(events.mid(skip));
    endInsertRows();
}

void EventTableModel::prependEvents(const QList<ChatEvent> &events)
{
    if (events.isEmpty())
        return;
    beginInsertRows({}, 0, int(events.size()) - 1);
    m_rows = events + m_rows;
    endInsertRows();
}

#include "moc_eventtablemodel.cpp"
