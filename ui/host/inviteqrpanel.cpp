#include "inviteqrpanel.h"

#include "qrcodewidget.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// What people may read over the host's shoulder: the address, never the token.
QString withoutToken(const QString &link)
{
    const QUrl url(link);
    return url.adjusted(QUrl::RemoveQuery).toString();
}
} // namespace

InviteQrPanel::InviteQrPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_code = new QrCodeWidget(this);
    m_code->setToolTip(tr("The browser link with the token: a phone's camera opens the chat"));
    layout->addWidget(m_code, 1, Qt::AlignHCenter);
    m_hint = new QLabel(this);
    m_hint->setObjectName(u"qrHint"_s);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_addressChoice = new QComboBox(this);
    m_addressChoice->setObjectName(u"qrAddressChoice"_s);
    m_addressChoice->setToolTip(tr("The address the phone is to use (one on its network)"));
    layout->addWidget(m_addressChoice);
    m_fullScreenButton = new QPushButton(tr("Show &full screen"), this);
    m_fullScreenButton->setObjectName(u"qrFullScreenButton"_s);
    m_fullScreenButton->setIcon(QIcon::fromTheme(u"view-fullscreen"_s));
    layout->addWidget(m_fullScreenButton);
    connect(m_fullScreenButton, &QPushButton::clicked, this, &InviteQrPanel::showFullScreen);
    connect(m_addressChoice, &QComboBox::currentIndexChanged, this, &InviteQrPanel::showLink);
    setLinks({});
}

InviteQrPanel::~InviteQrPanel() = default;

void InviteQrPanel::setLinks(const QStringList &links)
{
    const QString current = currentLink();
    m_links = links;
    {
        const QSignalBlocker blocker(m_addressChoice);
        m_addressChoice->clear();
        for (const QString &link : links)
            m_addressChoice->addItem(QUrl(link).authority());
        m_addressChoice->setCurrentIndex(std::max<int>(0, int(links.indexOf(current))));
    }
    m_addressChoice->setVisible(links.size() > 1);
    m_fullScreenButton->setEnabled(!links.isEmpty());
    showLink(m_addressChoice->currentIndex());
}

QString InviteQrPanel::currentLink() const
{
    return m_links.value(m_addressChoice->currentIndex());
}

void InviteQrPanel::showLink(int index)
{
    const QString link = m_links.value(index);
    m_code->setMatrix(link.isEmpty() ? QrMatrix() : QrMatrix::encode(link));
    m_code->setVisible(!link.isEmpty());
    m_hint->setText(link.isEmpty() ? tr("The QR code for phones appears while hosting.")
                                   : tr("Scan with a phone to join in its browser"));
}

void InviteQrPanel::showFullScreen()
{
    const QString link = currentLink();
    if (link.isEmpty())
        return;
    auto *view = new QrCodeWidget(nullptr);
    view->setObjectName(u"qrFullScreen"_s);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->setWindowTitle(tr("LanChat: scan to join"));
    view->setMatrix(QrMatrix::encode(link));
    view->setCaption(tr("Scan with a phone to join %1 in its browser. Escape or a click closes.")
                         .arg(withoutToken(link)));
    // Closes with the panel's window (quitting, or the host window going away).
    connect(this, &QObject::destroyed, view, &QWidget::close);
    view->showFullScreen();
    view->activateWindow();
}

#include "moc_inviteqrpanel.cpp"
