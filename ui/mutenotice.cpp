#include "mutenotice.h"

#include "chatclient.h"
#include "clienterrortext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStyle>

using namespace Qt::StringLiterals;

MuteNotice::MuteNotice(ChatClient *client, QWidget *parent)
    : QFrame(parent), m_client(client), m_icon(new QLabel(this)), m_text(new QLabel(this))
{
    setObjectName(u"muteNotice"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()
                          ->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                          .pixmap(iconSize, iconSize));
    m_text->setObjectName(u"muteNoticeText"_s);
    m_text->setTextFormat(Qt::PlainText); // the reason is the operator's words
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    connect(m_client, &ChatClient::muteChanged, this, &MuteNotice::follow);
    follow();
}

MuteNotice::~MuteNotice() = default;

QString MuteNotice::text() const
{
    return m_text->text();
}

void MuteNotice::follow()
{
    const auto mute = m_client->mute();
    m_text->setText(mute ? ClientErrorText::muted(*mute) : QString());
    setAccessibleName(m_text->text());
    setVisible(mute.has_value());
}

void MuteNotice::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        follow();
}

void MuteNotice::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    // A warning's amber over the window's colour, read at each paint: light and dark themes
    // both keep the window's text readable on it.
    const QColor window = palette().color(QPalette::Window);
    const QColor amber(0xf0, 0xa0, 0x00);
    const auto mix = [&](qreal share) {
        return QColor::fromRgbF(window.redF() + (amber.redF() - window.redF()) * share,
                                window.greenF() + (amber.greenF() - window.greenF()) * share,
                                window.blueF() + (amber.blueF() - window.blueF()) * share);
    };
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(mix(0.8));
    painter.setBrush(mix(0.22));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

#include "moc_mutenotice.cpp"
