// Lives in the GUI thread. The message editor: Enter sends, Shift+Enter starts a new line.
#pragma once

#include <QKeySequence>
#include <QPlainTextEdit>

class ChatInput final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatInput)

public:
    explicit ChatInput(QWidget *parent = nullptr);
    ~ChatInput() override;

    QSize sizeHint() const override;

    // What its keys do, for the shortcut list: a description and the key.
    static QList<QPair<QString, QKeySequence>> keys();

signals:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};
