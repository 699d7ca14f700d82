// Lives in the GUI thread. The host's QR code for phones: the browser link (with the token;
// https:// with TLS) of one of the addresses others can reach, chosen in a list when there are
// several, and a button that shows it full screen, large enough to scan across a room.
#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QrCodeWidget;

class InviteQrPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InviteQrPanel)

public:
    explicit InviteQrPanel(QWidget *parent = nullptr);
    ~InviteQrPanel() override;

    // The browser links, one per address, in the order to offer them; empty: not hosting.
    void setLinks(const QStringList &links);
    QString currentLink() const;
    QrCodeWidget *code() const { return m_code; }
    // Opens the full-screen view of the current code (closes on Escape or a click).
    void showFullScreen();

private:
    void showLink(int index);

    QStringList m_links;
    QComboBox *m_addressChoice = nullptr;
    QrCodeWidget *m_code = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_fullScreenButton = nullptr;
};
