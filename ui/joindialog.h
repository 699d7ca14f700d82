// Lives in the GUI thread. Asks where to join and as whom: pick a host found on the network
// (announced through DNS-SD, live, or found by "Scan network"), paste an invite (or a lanchat://
// link), pick a recent server, or fill in host, port, token and username, and whether the server
// uses TLS with which certificate fingerprint. Remembers the server in the recent list on
// accept (the token only when "Remember the token" is ticked) and pins a fingerprint given
// here for the server (CertificatePins).
#pragma once

#include "chatclient.h"
#include "clienttypes.h"

#include <QDialog>

class DiscoveredHostModel;
class DiscoveryPanel;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

class JoinDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JoinDialog)

public:
    enum class Focus { Auto, Host, Token, Username, Tls, Fingerprint };
    // The field to fix after a problem.
    static Focus focusFor(ChatClient::Problem problem);

    explicit JoinDialog(QWidget *parent = nullptr);
    ~JoinDialog() override;

    void setEndpoint(const ServerEndpoint &endpoint);
    ServerEndpoint endpoint() const;
    bool rememberToken() const;
    // Shows why the last attempt failed above the fields and focuses the field to fix.
    void setProblem(const QString &text, Focus focus = Focus::Auto);
    // Fills the fields from pasted invite text and focuses the first empty one; false (and a
    // message) when it holds no link.
    bool applyInvite(const QString &text);
    QString problemText() const;

    // Join connects before the dialog closes: it stays open, with the problem shown and the
    // fields kept, until the server welcomed the user (then takeClient() has the connection).
    void setConnectsFirst(bool connectsFirst) { m_connectsFirst = connectsFirst; }
    bool isConnecting() const { return m_client != nullptr; }
    // The connected client after an accepted connecting join; the caller owns it.
    ChatClient *takeClient();

    void accept() override;
    void reject() override;

    // The hosts found on the network, as the list shows them.
    DiscoveredHostModel *foundHosts() const;
    // The one line under the list: searching, found, scanning, or why discovery is unavailable.
    QString discoveryStatus() const;
    // Fills address, port and TLS from a found host (never its token: that comes from the
    // invite, the user, or a recent visit to the same address).
    void pickFound(int row);
    // Probes this machine's networks (the "Scan network" button); again: stops the scan.
    void toggleScan();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onClientStateChanged();
    void finishAccept();
    void focusFirstEmpty();
    QWidget *fieldFor(Focus focus) const;
    void updateOkButton();
    void applyRecent(int index);

    QList<ServerEndpoint> m_recent;
    QLabel *m_problemLabel = nullptr;
    QLineEdit *m_inviteField = nullptr;
    QLabel *m_inviteStatus = nullptr;
    QComboBox *m_recentBox = nullptr;
    QLineEdit *m_hostField = nullptr;
    QSpinBox *m_portField = nullptr;
    QLineEdit *m_tokenField = nullptr;
    QLineEdit *m_usernameField = nullptr;
    QCheckBox *m_tls = nullptr;
    QLineEdit *m_fingerprintField = nullptr;
    QCheckBox *m_rememberToken = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    DiscoveryPanel *m_discovery = nullptr;
    bool m_connectsFirst = false;
    ChatClient *m_client = nullptr; // while connecting, and connected until taken
    QWidget *m_initialFocus = nullptr; // applied when shown
};
