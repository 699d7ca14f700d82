#include "historywriter.h"

#include "historyfile.h"
#include "logging.h"
#include "registrationtable.h"

#include <QElapsedTimer>
#include <QThread>

using namespace Qt::StringLiterals;

HistoryWriter::HistoryWriter(QObject *parent)
    : QObject(parent), m_store(u"lanchat-writer-%1"_s.arg(reinterpret_cast<quintptr>(this), 0, 16))
{ }

HistoryWriter::~HistoryWriter() = default;

bool HistoryWriter::open(const QString &filePath, qint64 maxBytes, QString *error)
{
    Q_ASSERT(QThread::currentThread() == thread());
    const bool ok = m_store.open(filePath) && (maxBytes <= 0 || m_store.setSizeLimit(maxBytes));
    if (!ok && error)
        *error = m_store.lastError();
    return ok;
}

void HistoryWriter::close()
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (m_store.isOpen()) {
        if (m_damage.isEmpty())
            m_store.checkpoint();
        m_store.close();
    }
}

void HistoryWriter::checkIntegrity()
{
    if (!m_store.isOpen())
        return;
    QElapsedTimer clock;
    clock.start();
    HistoryFile file(m_store.connectionName(), m_store.filePath());
    if (!file.checkIntegrity())
        m_damage = u"%1: %2"_s.arg(file.what(), file.detail()).simplified();
    emit integrityChecked(m_damage, clock.elapsed());
}

bool HistoryWriter::writable(const QList<PendingEvent> &batch)
{
    if (m_damage.isEmpty())
        return true;
    if (!batch.isEmpty())
        emit batchStored({}, batch, m_damage, false);
    return false;
}

void HistoryWriter::store(const QList<PendingEvent> &batch)
{
    if (!writable(batch))
        return;
    QList<StoredEvent> results;
    if (m_store.append(batch, &results)) {
        emit batchStored(results, {}, {}, false);
    } else {
        qCDebug(lcStore) << "a batch of" << batch.size() << "events was not stored";
        emit batchStored({}, batch, m_store.lastError(), m_store.lastErrorWasFull());
    }
}

void HistoryWriter::storeBan(const BanInfo &ban)
{
    if (!writable()) {
        emit banStored(ban, m_damage);
        return;
    }
    BanInfo stored = ban;
    if (m_store.addBan(&stored))
        emit banStored(stored, {});
    else
        emit banStored(ban, m_store.lastError());
}

void HistoryWriter::removeBan(qint64 id)
{
    if (!writable())
        return;
    m_store.removeBan(id);
}

void HistoryWriter::storeModeration(const ModerationRecord &record)
{
    if (!writable())
        return;
    ModerationRecord stored = record;
    m_store.addModeration(&stored);
}

void HistoryWriter::createRoom(const RoomInfo &room)
{
    if (!writable()) {
        emit roomChanged(room.name, m_damage);
        return;
    }
    const bool ok = m_store.createRoom(room);
    emit roomChanged(room.name, ok ? QString() : m_store.lastError());
}

void HistoryWriter::deleteRoom(const QString &name, qint64 deletedMs)
{
    if (!writable()) {
        emit roomChanged(name, m_damage);
        return;
    }
    const bool ok = m_store.deleteRoom(name, deletedMs);
    emit roomChanged(name, ok ? QString() : m_store.lastError());
}

void HistoryWriter::lockRoom(const QString &name, bool locked)
{
    if (!writable()) {
        emit roomChanged(name, m_damage);
        return;
    }
    const bool ok = m_store.lockRoom(name, locked);
    emit roomChanged(name, ok ? QString() : m_store.lastError());
}

void HistoryWriter::storeDirectDelivered(const QString &userKey, qint64 eventId)
{
    if (!writable())
        return;
    m_store.setDirectDelivered(userKey, eventId);
}

void HistoryWriter::storeRegistration(const Registration &registration)
{
    if (!writable()) {
        emit registrationStored(registration.userKey, m_damage);
        return;
    }
    QString error;
    RegistrationTable::insert(m_store.connectionName(), registration, &error);
    if (!error.isEmpty())
        qCWarning(lcStore).noquote() << error;
    emit registrationStored(registration.userKey, error);
}

void HistoryWriter::touchRegistration(const QString &userKey, qint64 lastSeenMs)
{
    if (!writable())
        return;
    QString error;
    if (!RegistrationTable::touch(m_store.connectionName(), userKey, lastSeenMs, &error))
        qCWarning(lcStore).noquote() << error;
}

void HistoryWriter::removeRegistration(const QString &userKey)
{
    if (!writable())
        return;
    QString error;
    if (!RegistrationTable::remove(m_store.connectionName(), userKey, &error))
        qCWarning(lcStore).noquote() << error;
}

#include "moc_historywriter.cpp"
