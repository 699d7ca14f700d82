#include "trustprompt.h"

#include "certificatepins.h"

#include <QPushButton>
#include <QSettings>

using namespace Qt::StringLiterals;

TrustPrompt::TrustPrompt(const ServerEndpoint &endpoint, const QString &fingerprint,
                         QWidget *parent)
    : QMessageBox(
        QMessageBox::Question, tr("Trust this server?"),
        tr("%1 presents a TLS certificate that this computer does not know yet.\n\n"
           "SHA-256 fingerprint:\n%2\n\n"
           "Compare it with the fingerprint in the host's LanChat window or invite. Trust it only "
           "if both are the same.")
            .arg(endpoint.authority(), fingerprint),
        QMessageBox::Cancel, parent)
{
    setObjectName(u"trustPrompt"_s);
    setTextFormat(Qt::PlainText);
    setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *once = addButton(tr("Trust &once"), QMessageBox::AcceptRole);
    once->setObjectName(u"trustOnceButton"_s);
    QPushButton *always = addButton(tr("Trust &always"), QMessageBox::AcceptRole);
    always->setObjectName(u"trustAlwaysButton"_s);
    connect(this, &QMessageBox::buttonClicked, this,
            [this, once, always, endpoint, fingerprint](QAbstractButton *button) {
                if (button != once && button != always)
                    return;
                if (button == always) {
                    QSettings settings;
                    CertificatePins::pin(settings, endpoint.host, endpoint.port, fingerprint);
                }
                emit trusted(fingerprint);
            });
}

TrustPrompt::~TrustPrompt() = default;

#include "moc_trustprompt.cpp"
