#include "chatcontextmenu.h"

#include <QClipboard>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QKeySequence>
#include <QMenu>

using namespace Qt::StringLiterals;

namespace {
constexpr int MaxRowLinks = 5;
} // namespace

ChatContextMenu::Choice ChatContextMenu::exec(const Request &request, const QPoint &globalPos,
                                              QWidget *parent)
{
    Choice choice;
    QMenu menu(parent);
    menu.setObjectName(u"chatContextMenu"_s);
    QAction *copy = menu.addAction(tr("&Copy"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(!request.selectedText.isEmpty());
    QAction *copyRow = menu.addAction(tr("Copy &message text"));
    copyRow->setEnabled(!request.rowText.isEmpty());

    QAction *openLink = nullptr;
    QAction *copyLink = nullptr;
    QList<std::pair<QAction *, QUrl>> rowLinks;
    if (!request.linkUnderPointer.isEmpty()) {
        menu.addSeparator();
        openLink = menu.addAction(tr("&Open link"));
        copyLink = menu.addAction(tr("Copy &link address"));
    } else if (!request.rowLinks.isEmpty()) {
        menu.addSeparator();
        const QFontMetrics metrics(menu.font());
        for (const QUrl &url : request.rowLinks.mid(0, MaxRowLinks)) {
            // Plain text in the action: QMenu does not interpret markup, '&' is escaped.
            QString shown = metrics.elidedText(url.toDisplayString(), Qt::ElideMiddle,
                                               metrics.averageCharWidth() * 48);
            shown.replace(u'&', u"&&"_s);
            rowLinks.append({menu.addAction(tr("Open %1").arg(shown)), url});
        }
    }
    menu.addSeparator();
    QAction *quote = menu.addAction(tr("&Quote"));
    quote->setEnabled(!request.quoteText.isEmpty());

    QAction *chosen = menu.exec(globalPos);
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (!chosen) {
        return choice;
    } else if (chosen == copy) {
        clipboard->setText(request.selectedText);
    } else if (chosen == copyRow) {
        clipboard->setText(request.rowText);
    } else if (chosen == copyLink) {
        clipboard->setText(request.linkUnderPointer.toString());
    } else if (chosen == openLink) {
        choice = {Choice::Action::OpenLink, request.linkUnderPointer};
    } else if (chosen == quote) {
        choice.action = Choice::Action::Quote;
    } else {
        for (const auto &[action, url] : rowLinks) {
            if (chosen == action)
                choice = {Choice::Action::OpenLink, url};
        }
    }
    return choice;
}
