// Lives in the GUI thread. Paints one MessageListModel row: a day separator above the first row
// of a day, the sender and the local time, then the text as plain text (QTextLayout, never
// HTML), with own messages, mentions, announcements and kicks set apart by colour.
#pragma once

#include <QStyledItemDelegate>

class MessageDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageDelegate)

public:
    explicit MessageDelegate(QObject *parent = nullptr);
    ~MessageDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The one-line header of a row ("alice  14:05 · sending…") and the body text, as painted.
    static QString headerText(const QModelIndex &index);
    static QString bodyText(const QModelIndex &index);
};
