// Lives in the GUI thread. Asks where to join and as whom: paste an invite (or a lanchat://
// link), pick a recent server, or fill in host, port, token and username, and whether the server
// uses TLS with which certificate fingerprint. Remembers the server in the recent list on
// accept (the token only when "Remember the token" is ticked) and pins a fingerprint given
// here for the server (CertificatePins).
#pragma once

#include "clienttypes.h"

#include <QDialog>

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
    enum class Focus { Auto, Token, Username };

    explicit JoinDialog(QWidget *parent = nullptr);
    ~JoinDialog() override;

    void setEndpoint(const ServerEndpoint &endpoint);
    ServerEndpoint endpoint() const;
    bool rememberToken() const;
    // Shows why the last attempt failed above the fields and focuses the field to fix.
    void setProblem(const QString &text, Focus focus = Focus::Auto);
    // Fills the fields from pasted invite text; false (and a message) when it holds no link.
    bool applyInvite(const QString &text);

    void accept() override;

private:
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
};
