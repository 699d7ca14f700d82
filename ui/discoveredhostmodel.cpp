#include "discoveredhostmodel.h"

#include "certificatepins.h"
#include "fingerprint.h"

#include <QApplication>
#include <QIcon>
#include <QPainter>
#include <QPainterPath>
#include <QSettings>
#include <QStyle>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace {
// A padlock in the text colour: no icon theme is needed (and none exists offscreen).
QIcon lockIcon()
{
    static const QIcon icon = [] {
        QPixmap pixmap(32, 32);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor colour = QApplication::palette().color(QPalette::Text);
        painter.setPen(QPen(colour, 3.5));
        painter.setBrush(Qt::NoBrush);
        QPainterPath shackle;
        shackle.moveTo(10, 16);
        shackle.lineTo(10, 10);
        shackle.arcTo(QRectF(10, 3, 12, 14), 180, -180);
        shackle.lineTo(22, 16);
        painter.drawPath(shackle);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawRoundedRect(QRectF(6, 15, 20, 14), 2.5, 2.5);
        return QIcon(pixmap);
    }();
    return icon;
}
} // namespace

DiscoveredHostModel::DiscoveredHostModel(QObject *parent) : QAbstractTableModel(parent) { }

DiscoveredHostModel::~DiscoveredHostModel() = default;

void DiscoveredHostModel::upsert(const DiscoveredHost &host)
{
    const qsizetype index = DiscoveredHost::indexIn(m_hosts, host);
    if (index < 0) {
        const int row = int(m_hosts.size());
        beginInsertRows(QModelIndex(), row, row);
        m_hosts.append(host);
        m_trust.append(trustOf(host));
        endInsertRows();
        return;
    }
    const DiscoveredHost updated = DiscoveredHost::merged(m_hosts.at(index), host);
    if (updated == m_hosts.at(index))
        return;
    m_hosts[index] = updated;
    m_trust[index] = trustOf(updated);
    emit dataChanged(this->index(int(index), 0), this->index(int(index), ColumnCount - 1));
}

void DiscoveredHostModel::remove(const QString &key)
{
    for (int row = 0; row < m_hosts.size(); ++row) {
        if (m_hosts.at(row).key() != key)
            continue;
        beginRemoveRows(QModelIndex(), row, row);
        m_hosts.removeAt(row);
        m_trust.removeAt(row);
        endRemoveRows();
        return;
    }
}

void DiscoveredHostModel::clear()
{
    if (m_hosts.isEmpty())
        return;
    beginResetModel();
    m_hosts.clear();
    m_trust.clear();
    endResetModel();
}

void DiscoveredHostModel::refreshTrust()
{
    for (int row = 0; row < m_hosts.size(); ++row)
        m_trust[row] = trustOf(m_hosts.at(row));
    if (!m_hosts.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_hosts.size()) - 1, ColumnCount - 1));
}

DiscoveredHostModel::Trust DiscoveredHostModel::trustOf(const DiscoveredHost &host)
{
    if (!host.tls)
        return Trust::Plain;
    // Pins are kept per host:port as the user typed it: the address, or the mDNS name.
    QSettings settings;
    QString pinned = CertificatePins::pinFor(settings, host.address.toString(), host.port);
    if (pinned.isEmpty() && !host.hostName.isEmpty())
        pinned = CertificatePins::pinFor(settings, host.hostName, host.port);
    if (pinned.isEmpty() || host.fingerprint.isEmpty())
        return Trust::Unknown;
    return Fingerprint::normalized(pinned) == host.fingerprint ? Trust::Trusted : Trust::Mismatch;
}

int DiscoveredHostModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hosts.size());
}

int DiscoveredHostModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiscoveredHostModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_hosts.size())
        return {};
    const DiscoveredHost &host = m_hosts.at(index.row());
    const Trust trust = m_trust.at(index.row());
    if (role == TrustRole)
        return int(trust);
    switch (index.column()) {
    case Name:
        if (role == Qt::DisplayRole)
            return host.name;
        if (role == Qt::DecorationRole && host.tls)
            return lockIcon();
        if (role == Qt::ToolTipRole) // hostile text: never markup
            return Qt::convertFromPlainText(
                host.source == DiscoveredHost::Source::Announcement
                    ? tr("%1, announced by %2").arg(host.name, host.hostName)
                    : tr("%1, found by the network scan").arg(host.name));
        break;
    case Address:
        if (role == Qt::DisplayRole)
            return host.authority();
        break;
    case Security:
        if (role == Qt::DisplayRole) {
            switch (trust) {
            case Trust::Plain:
                return tr("not encrypted");
            case Trust::Unknown:
                return tr("TLS");
            case Trust::Trusted:
                return tr("TLS, trusted");
            case Trust::Mismatch:
                return tr("TLS: not the pinned certificate!");
            }
        }
        if (role == Qt::DecorationRole) {
            if (trust == Trust::Trusted)
                return QApplication::style()->standardIcon(QStyle::SP_DialogApplyButton);
            if (trust == Trust::Mismatch)
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        }
        if (role == Qt::ToolTipRole) {
            if (trust == Trust::Trusted)
                return tr("Its certificate is the one you trusted for this address before.");
            if (trust == Trust::Mismatch)
                return tr("Its certificate differs from the one you trusted for this address: "
                          "someone may be pretending to be that host. Ask the host for the "
                          "fingerprint before you connect.");
            if (trust == Trust::Unknown)
                return tr("Compare the fingerprint the app shows on connect with the host's.");
        }
        if (role == Qt::ForegroundRole && trust == Trust::Mismatch)
            return QColor(0xb0, 0x00, 0x20);
        break;
    default:
        break;
    }
    return {};
}

QVariant DiscoveredHostModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Address:
        return tr("Address");
    case Security:
        return tr("Security");
    default:
        return {};
    }
}

#include "moc_discoveredhostmodel.cpp"
