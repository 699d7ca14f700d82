// Any thread (a value type and a pure function). The slash commands of the chat input, IRC's
// where IRC has one: "/join dev", "/leave", "/topic text", "/msg name text". Text that starts
// with "//" is a message that starts with "/"; any other "/word" is an unknown command, so that a
// mistyped command is never sent to everyone.
#pragma once

#include <QString>

struct ChatCommand
{
    enum class Kind : quint8 {
        Message, // no command: send `text` (with a leading "//" made "/")
        Join, // "/join room" (a leading "#" is dropped)
        Leave, // "/leave [room]": `target` empty for the current room
        Topic, // "/topic [text]": empty text clears it
        DirectMessage, // "/msg name [text]": without text, opens the conversation
        Unknown, // "/word" not known: `target` is the word
        Incomplete, // a known command without what it needs: `target` is the command
    };

    Kind kind = Kind::Message;
    QString target; // the room, the user, or the command word
    QString text;

    static ChatCommand parse(const QString &input);
};
