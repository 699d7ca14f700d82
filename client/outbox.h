// Lives in the thread of its owner (the ChatClient's). The messages the user wrote that the
// server has not acknowledged, in order, persisted as a small JSON file so that they survive
// closing the app. Files are written by a one-thread pool, never in the owner's thread; loading
// (a few hundred bytes, once per server) is synchronous.
#pragma once

#include "clienttypes.h"

#include <QList>
#include <QObject>
#include <QThreadPool>

class QTimer;

class Outbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Outbox)

public:
    explicit Outbox(QObject *parent = nullptr);
    // Writes what is not written yet and waits for it.
    ~Outbox() override;

    // Saves the current file, then loads the messages kept in the new one (empty: memory only).
    void setFilePath(const QString &filePath);
    QString filePath() const { return m_filePath; }

    const QList<OutgoingMessage> &messages() const { return m_messages; }
    bool isEmpty() const { return m_messages.isEmpty(); }
    qsizetype size() const { return m_messages.size(); }
    bool contains(const QString &cid) const;

    // Appends a message to the conversation with a new random cid and returns it.
    OutgoingMessage add(const QString &text,
                        const ConversationId &target = ConversationId::general());
    bool remove(const QString &cid);
    // Writes now (in the pool) and waits until every write has finished.
    void flush();

signals:
    void changed();

private:
    void scheduleSave();
    void saveNow();

    QString m_filePath;
    QList<OutgoingMessage> m_messages;
    QThreadPool m_writer;
    QTimer *m_saveTimer = nullptr;
    bool m_dirty = false;
};
