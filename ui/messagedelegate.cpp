#include "messagedelegate.h"

#include "clienttypes.h"
#include "messagelistmodel.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QPainter>
#include <QTextLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int Margin = 6;
constexpr int Spacing = 2;

ChatEntry::Kind kindOf(const QModelIndex &index)
{
    return ChatEntry::Kind(index.data(MessageListModel::KindRole).toInt());
}

bool isNotice(ChatEntry::Kind kind)
{
    return kind == ChatEntry::Kind::Join || kind == ChatEntry::Kind::Leave;
}

int viewWidth(const QStyleOptionViewItem &option)
{
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return view->viewport()->width();
    return option.rect.width() > 0 ? option.rect.width() : 400;
}

// Lays the plain text out in the width; returns its height. Draws it when painter is set.
int layoutText(const QString &text, const QFont &font, int width, QPainter *painter = nullptr,
               QPointF origin = {})
{
    QString laidOut = text;
    laidOut.replace(u'\n', QChar::LineSeparator);
    QTextLayout layout(laidOut, font);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(textOption);
    layout.beginLayout();
    qreal height = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(qMax(10, width));
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout.endLayout();
    if (painter)
        layout.draw(painter, origin);
    return int(std::ceil(height));
}

QString dayText(const QDate &date)
{
    const QDate today = QDate::currentDate();
    if (date == today)
        return MessageDelegate::tr("Today");
    if (date == today.addDays(-1))
        return MessageDelegate::tr("Yesterday");
    return QLocale().toString(date, QLocale::LongFormat);
}
} // namespace

MessageDelegate::MessageDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

MessageDelegate::~MessageDelegate() = default;

QString MessageDelegate::headerText(const QModelIndex &index)
{
    const QString time = QLocale().toString(
        index.data(MessageListModel::TimestampRole).toDateTime().time(), QLocale::ShortFormat);
    const QString user = index.data(MessageListModel::UsernameRole).toString();
    const QString text = index.data(Qt::DisplayRole).toString();
    switch (kindOf(index)) {
    case ChatEntry::Kind::Join:
        return tr("%1  → %2 joined").arg(time, user);
    case ChatEntry::Kind::Leave:
        return tr("%1  ← %2 left").arg(time, user);
    case ChatEntry::Kind::Kick:
        return text.isEmpty()
                   ? tr("%1  ⛔ %2 was removed by the operator").arg(time, user)
                   : tr("%1  ⛔ %2 was removed by the operator: %3").arg(time, user, text);
    case ChatEntry::Kind::Announcement:
        return tr("📢 Announcement from %1  %2").arg(user, time);
    case ChatEntry::Kind::Message:
        break;
    }
    const bool own = index.data(MessageListModel::OwnRole).toBool();
    QString header = own ? tr("%1 (you)  %2").arg(user, time) : tr("%1  %2").arg(user, time);
    switch (MessageListModel::Delivery(index.data(MessageListModel::DeliveryRole).toInt())) {
    case MessageListModel::Delivery::Pending:
        header += tr(" · sending…");
        break;
    case MessageListModel::Delivery::Failed:
        header += tr(" · not sent: %1").arg(index.data(MessageListModel::ReasonRole).toString());
        break;
    case MessageListModel::Delivery::Delivered:
        break;
    }
    return header;
}

QString MessageDelegate::bodyText(const QModelIndex &index)
{
    const ChatEntry::Kind kind = kindOf(index);
    if (kind == ChatEntry::Kind::Message || kind == ChatEntry::Kind::Announcement)
        return index.data(Qt::DisplayRole).toString();
    return {};
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = viewWidth(option) - 2 * Margin;
    QFont bold = option.font;
    bold.setBold(true);
    int height = Margin;
    if (index.data(MessageListModel::DayStartRole).toBool())
        height += QFontMetrics(option.font).height() + 2 * Margin;
    const QString body = bodyText(index);
    height += layoutText(headerText(index), isNotice(kindOf(index)) ? option.font : bold, width);
    if (!body.isEmpty())
        height += Spacing + layoutText(body, option.font, width);
    height += Margin;
    return {qMax(width, 10), height};
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    painter->save();
    QRect rect = option.rect;
    const QPalette &palette = option.palette;
    const ChatEntry::Kind kind = kindOf(index);

    if (index.data(MessageListModel::DayStartRole).toBool()) {
        const int dayHeight = QFontMetrics(option.font).height() + 2 * Margin;
        const QRect dayRect(rect.left(), rect.top(), rect.width(), dayHeight);
        const QString day
            = dayText(index.data(MessageListModel::TimestampRole).toDateTime().date());
        painter->setPen(palette.color(QPalette::PlaceholderText));
        const int textWidth = QFontMetrics(option.font).horizontalAdvance(day) + 2 * Margin;
        const int y = dayRect.center().y();
        painter->drawLine(dayRect.left() + Margin, y, dayRect.center().x() - textWidth / 2, y);
        painter->drawLine(dayRect.center().x() + textWidth / 2, y, dayRect.right() - Margin, y);
        painter->drawText(dayRect, Qt::AlignCenter, day);
        rect.setTop(rect.top() + dayHeight);
    }

    QColor background;
    const bool own = index.data(MessageListModel::OwnRole).toBool();
    const bool mention = index.data(MessageListModel::MentionRole).toBool();
    const auto delivery
        = MessageListModel::Delivery(index.data(MessageListModel::DeliveryRole).toInt());
    if (kind == ChatEntry::Kind::Announcement)
        background = QColor(255, 236, 179);
    else if (kind == ChatEntry::Kind::Kick)
        background = QColor(255, 205, 210);
    else if (delivery == MessageListModel::Delivery::Failed)
        background = QColor(255, 205, 210);
    else if (mention)
        background = QColor(255, 224, 178);
    else if (own && !isNotice(kind))
        background = QColor(225, 238, 255);
    if (background.isValid())
        painter->fillRect(rect.adjusted(2, 1, -2, -1), background);
    if (mention) {
        painter->fillRect(QRect(rect.left() + 2, rect.top() + 1, 3, rect.height() - 2),
                          QColor(230, 120, 0));
    }
    const bool coloured = background.isValid();
    const QColor textColor = coloured ? QColor(20, 20, 20) : palette.color(QPalette::Text);

    const int width = rect.width() - 2 * Margin;
    QPointF origin(rect.left() + Margin, rect.top() + Margin);
    QFont headerFont = option.font;
    if (isNotice(kind)) {
        headerFont.setItalic(true);
        painter->setPen(palette.color(QPalette::PlaceholderText));
    } else {
        headerFont.setBold(true);
        painter->setPen(own && !coloured ? palette.color(QPalette::Link) : textColor);
        if (delivery == MessageListModel::Delivery::Pending)
            painter->setPen(palette.color(QPalette::PlaceholderText));
    }
    painter->setFont(headerFont);
    origin.ry() += layoutText(headerText(index), headerFont, width, painter, origin);

    const QString body = bodyText(index);
    if (!body.isEmpty()) {
        origin.ry() += Spacing;
        painter->setFont(option.font);
        painter->setPen(delivery == MessageListModel::Delivery::Pending
                            ? palette.color(QPalette::PlaceholderText)
                            : textColor);
        layoutText(body, option.font, width, painter, origin);
    }
    if (option.state & QStyle::State_Selected)
        painter->fillRect(rect, QColor(0, 0, 0, 20));
    painter->restore();
}
