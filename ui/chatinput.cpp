#include "chatinput.h"

#include <QKeyEvent>

using namespace Qt::StringLiterals;

ChatInput::ChatInput(QWidget *parent) : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setPlaceholderText(tr("Write a message (Enter sends, Shift+Enter adds a line)"));
}

ChatInput::~ChatInput() = default;

QSize ChatInput::sizeHint() const
{
    const QSize base = QPlainTextEdit::sizeHint();
    return {base.width(), fontMetrics().lineSpacing() * 3 + 2 * frameWidth() + 8};
}

void ChatInput::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        if (event->modifiers() & Qt::ShiftModifier) {
            insertPlainText(u"\n"_s);
        } else if (!(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
            emit submitted();
        }
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

QList<QPair<QString, QKeySequence>> ChatInput::keys()
{
    return {{tr("Send the message"), QKeySequence(Qt::Key_Return)},
            {tr("Start a new line"), QKeySequence(Qt::SHIFT | Qt::Key_Return)}};
}

#include "moc_chatinput.cpp"
