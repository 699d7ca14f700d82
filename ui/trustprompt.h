// Lives in the GUI thread. Trust on first use, decided by the user: asks whether to trust the TLS
// certificate a server presents (by its SHA-256 fingerprint, to compare with the host's window or
// invite), once or always; "always" pins it for the server (CertificatePins). Deletes itself when
// closed.
#pragma once

#include "serverendpoint.h"

#include <QMessageBox>

class TrustPrompt final : public QMessageBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrustPrompt)

public:
    TrustPrompt(const ServerEndpoint &endpoint, const QString &fingerprint, QWidget *parent);
    ~TrustPrompt() override;

signals:
    // The user trusts the certificate (once or always): connect with this fingerprint.
    void trusted(const QString &fingerprint);
};
