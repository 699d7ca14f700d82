#include "conversationpane.h"

#include "chatclient.h"
#include "chatview/chatview.h"
#include "messagelistmodel.h"
#include "namesort.h"
#include "safetext.h"

#include <QDeadlineTimer>
#include <QLabel>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
qint64 nowMs()
{
    return QDeadlineTimer::current().deadline();
}
} // namespace

ConversationPane::ConversationPane(ChatClient *client, const ConversationId &id, QWidget *parent)
    : QWidget(parent), m_client(client), m_id(id)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_topic = new QLabel(this);
    m_topic->setObjectName(u"topicLabel"_s);
    m_topic->setTextFormat(Qt::PlainText); // a topic is anyone's text
    m_topic->setWordWrap(true);
    m_topic->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_topic->setContentsMargins(4, 2, 4, 2);
    QFont topicFont = m_topic->font();
    topicFont.setBold(true);
    m_topic->setFont(topicFont);
    layout->addWidget(m_topic);

    m_model = new MessageListModel(this);
    m_model->setOwnUsername(client->username().isEmpty() ? client->endpoint().username
                                                         : client->username());
    m_view = new ChatView(this);
    m_view->setModel(m_model);
    layout->addWidget(m_view, 1);

    m_typing = new QLabel(this);
    m_typing->setObjectName(u"typingLabel"_s);
    m_typing->setTextFormat(Qt::PlainText);
    m_typing->setContentsMargins(4, 0, 4, 0);
    QFont typingFont = m_typing->font();
    typingFont.setItalic(true);
    m_typing->setFont(typingFont);
    // Its line is kept when empty, so that the timeline does not jump when someone types.
    m_typing->setMinimumHeight(m_typing->fontMetrics().height());
    layout->addWidget(m_typing);
    m_typingTimer = new QTimer(this);
    m_typingTimer->setSingleShot(true);
    connect(m_typingTimer, &QTimer::timeout, this, &ConversationPane::updateTyping);

    // Older history when scrolled to the top, or while there is not enough to scroll. The view
    // keeps what is on screen in place when rows are inserted above.
    QScrollBar *scrollBar = m_view->verticalScrollBar();
    connect(scrollBar, &QScrollBar::valueChanged, this, [this, scrollBar](int value) {
        if (value == scrollBar->minimum())
            maybeLoadOlder();
    });
    connect(scrollBar, &QScrollBar::rangeChanged, this, [this](int, int maximum) {
        if (maximum == 0)
            maybeLoadOlder();
    });
    setInfo(client->conversation(id));
    setPending(client->pendingMessages());
}

ConversationPane::~ConversationPane() = default;

QString ConversationPane::topicText() const
{
    return m_topic->text();
}

QString ConversationPane::typingText() const
{
    return m_typing->text();
}

void ConversationPane::setInfo(const ConversationInfo &info)
{
    QString text;
    if (m_id.isDirect()) {
        text = tr("Direct messages with %1").arg(info.id.name);
    } else {
        const QString name = u'#' + m_id.name;
        text = info.topic.isEmpty() ? name : tr("%1: %2").arg(name, info.topic);
        if (info.locked)
            text = tr("%1 (topic locked by the operator)").arg(text);
    }
    m_topic->setText(text);
    m_topic->setToolTip(SafeText::toolTip(text)); // a tooltip would render markup
}

void ConversationPane::setPending(const QList<OutgoingMessage> &pending)
{
    QList<OutgoingMessage> mine;
    for (const OutgoingMessage &message : pending) {
        if (message.target == m_id)
            mine.append(message);
    }
    m_model->setPending(mine);
}

void ConversationPane::showTyping(const QString &username)
{
    m_typingUntil.insert(username, nowMs() + TypingShownMs);
    updateTyping();
}

void ConversationPane::stopTyping(const QString &username)
{
    if (m_typingUntil.remove(username) > 0)
        updateTyping();
}

void ConversationPane::updateTyping()
{
    const qint64 now = nowMs();
    qint64 next = 0;
    QStringList names;
    for (auto it = m_typingUntil.begin(); it != m_typingUntil.end();) {
        if (it.value() <= now) {
            it = m_typingUntil.erase(it);
            continue;
        }
        names.append(it.key());
        next = next == 0 ? it.value() : qMin(next, it.value());
        ++it;
    }
    sortNames(&names);
    if (names.isEmpty())
        m_typing->clear();
    else if (names.size() == 1)
        m_typing->setText(tr("%1 is typing…").arg(names.first()));
    else if (names.size() == 2)
        m_typing->setText(tr("%1 and %2 are typing…").arg(names.at(0), names.at(1)));
    else
        m_typing->setText(tr("Several people are typing…"));
    if (next > 0)
        m_typingTimer->start(int(qMax<qint64>(1, next - now)));
}

void ConversationPane::maybeLoadOlder()
{
    if (m_client->hasOlder(m_id) && m_client->isSynced() && !m_client->isLoadingOlder(m_id)
        && m_view->verticalScrollBar()->value() == m_view->verticalScrollBar()->minimum())
        m_client->loadOlder(m_id);
}

#include "moc_conversationpane.cpp"
