// Any thread (pure functions). Text that came from peers or from the history (names, messages,
// reasons) shown where Qt guesses between plain and rich text with Qt::mightBeRichText:
// tooltips, status tips, labels left at Qt::AutoText, balloon and desktop notifications. Taken
// for HTML, a name like <img src="/dev/zero"> makes Qt read that file until memory runs out.
// Each function returns what shows the text exactly as written; the username rules are not
// relied upon (the history keeps names older versions accepted).
#pragma once

#include <QString>

namespace SafeText {

// For a tooltip or a status tip: always rich text, escaped, line breaks kept. Very long texts
// are cut (with an ellipsis) to what a tooltip can show.
QString toolTip(const QString &plain);

// The body of a notification (QSystemTrayIcon::showMessage): the sender in bold, then the text,
// escaped. Desktop notification servers that render body markup (the freedesktop subset: b, i,
// u, a, img) and Qt's own balloon (a QLabel that guesses) both show it as written.
QString notificationBody(const QString &sender, const QString &text);

// For QWidget::setWindowTitle: "[*]" is Qt's placeholder for the modified mark, so a name
// containing it would lose those characters.
QString windowTitle(const QString &plain);

} // namespace SafeText
