#include "outbox.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {
constexpr QFileDevice::Permissions OwnerOnlyDirectory
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

// Unsent messages are the user's alone: the outbox directory and the data directory above it
// are created 0700 (whatever the umask), the outbox directory made so if an older version left
// it open, and every file is 0600.
void makeOutboxDirectory(const QString &directory)
{
    if (!QFileInfo::exists(directory)) {
        const QString dataDirectory = QFileInfo(directory).absolutePath();
        if (!QFileInfo::exists(dataDirectory)) {
            QDir().mkpath(QFileInfo(dataDirectory).absolutePath());
            QDir().mkdir(dataDirectory, OwnerOnlyDirectory);
        }
        QDir().mkdir(directory, OwnerOnlyDirectory);
    }
    QFile::setPermissions(directory, OwnerOnlyDirectory);
}

void writeFile(const QString &path, const QByteArray &content)
{
    if (content.isEmpty()) {
        QFile::remove(path);
        return;
    }
    makeOutboxDirectory(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    // Permissions go on the temporary file before the messages are in it.
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        qWarning("lanchat: cannot write the outbox %s: %s", qUtf8Printable(path),
                 qUtf8Printable(file.errorString()));
        return;
    }
    file.write(content);
    if (!file.commit())
        qWarning("lanchat: cannot write the outbox %s: %s", qUtf8Printable(path),
                 qUtf8Printable(file.errorString()));
}
} // namespace

Outbox::Outbox(QObject *parent) : QObject(parent), m_saveTimer(new QTimer(this))
{
    // One thread keeps the writes in order: the last one written is the newest state.
    m_writer.setMaxThreadCount(1);
    m_writer.setExpiryTimeout(5000);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(0); // coalesces the changes of one event-loop pass
    connect(m_saveTimer, &QTimer::timeout, this, &Outbox::saveNow);
}

Outbox::~Outbox()
{
    flush();
}

void Outbox::setFilePath(const QString &filePath)
{
    if (filePath == m_filePath)
        return;
    flush();
    m_filePath = filePath;
    m_messages.clear();
    if (!m_filePath.isEmpty()) {
        QFile file(m_filePath);
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonArray array = QJsonDocument::fromJson(file.read(4 * 1024 * 1024)).array();
            for (const QJsonValue &value : array) {
                const QJsonObject object = value.toObject();
                OutgoingMessage message;
                message.cid = object.value("cid"_L1).toString();
                message.text = object.value("text"_L1).toString();
                message.createdMs = object.value("created"_L1).toInteger();
                // Files written before conversations name none: general.
                if (const QString to = object.value("to"_L1).toString(); !to.isEmpty())
                    message.target = ConversationId::direct(to);
                else if (const QString room = object.value("room"_L1).toString(); !room.isEmpty())
                    message.target = ConversationId::room(room);
                if (!message.cid.isEmpty() && !message.text.isEmpty())
                    m_messages.append(message);
            }
        }
    }
    emit changed();
}

bool Outbox::contains(const QString &cid) const
{
    return std::any_of(m_messages.cbegin(), m_messages.cend(),
                       [&](const OutgoingMessage &message) { return message.cid == cid; });
}

OutgoingMessage Outbox::add(const QString &text, const ConversationId &target)
{
    OutgoingMessage message;
    message.target = target;
    message.cid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    message.text = text;
    message.createdMs = QDateTime::currentMSecsSinceEpoch();
    m_messages.append(message);
    scheduleSave();
    emit changed();
    return message;
}

bool Outbox::remove(const QString &cid)
{
    const auto it
        = std::find_if(m_messages.begin(), m_messages.end(),
                       [&](const OutgoingMessage &message) { return message.cid == cid; });
    if (it == m_messages.end())
        return false;
    m_messages.erase(it);
    scheduleSave();
    emit changed();
    return true;
}

void Outbox::flush()
{
    if (m_dirty)
        saveNow();
    m_writer.waitForDone();
}

void Outbox::scheduleSave()
{
    m_dirty = true;
    if (!m_filePath.isEmpty() && !m_saveTimer->isActive())
        m_saveTimer->start();
}

void Outbox::saveNow()
{
    m_saveTimer->stop();
    if (!m_dirty || m_filePath.isEmpty())
        return;
    m_dirty = false;
    QByteArray content;
    if (!m_messages.isEmpty()) {
        QJsonArray array;
        for (const OutgoingMessage &message : std::as_const(m_messages)) {
            QJsonObject object {{"cid"_L1, message.cid},
                                {"text"_L1, message.text},
                                {"created"_L1, message.createdMs}};
            if (message.target.isDirect())
                object.insert("to"_L1, message.target.name);
            else if (!message.target.isGeneral())
                object.insert("room"_L1, message.target.name);
            array.append(object);
        }
        content = QJsonDocument(array).toJson(QJsonDocument::Compact);
    }
    m_writer.start([path = m_filePath, content] { writeFile(path, content); });
}

#include "moc_outbox.cpp"
