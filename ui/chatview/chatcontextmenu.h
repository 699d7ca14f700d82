// Lives in the GUI thread. The chat view's context menu for one row: Copy (the selection), Copy
// message text, Open link and Copy link address (for the link under the pointer, or each of the
// row's links when opened from the keyboard), Quote. Runs the choice itself, except Quote and
// opening a link, which it hands back.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QPoint>
#include <QString>
#include <QUrl>

class QWidget;

class ChatContextMenu final
{
    Q_DECLARE_TR_FUNCTIONS(ChatContextMenu)

public:
    struct Request
    {
        QString selectedText; // empty: Copy is disabled
        QString rowText;
        QString quoteText; // the selection inside this row, or its whole text
        QUrl linkUnderPointer;
        QList<QUrl> rowLinks; // offered when there is no link under the pointer
    };
    struct Choice
    {
        enum class Action { None, Quote, OpenLink };
        Action action = Action::None;
        QUrl url;
    };

    // Shows the menu at a global position and waits for the choice.
    static Choice exec(const Request &request, const QPoint &globalPos, QWidget *parent);
};
