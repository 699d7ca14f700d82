// Any thread (plain declarations). The contract between a chat timeline model and ChatView: the
// roles the view reads from each row of a flat QAbstractItemModel (column 0, no children). A
// model that provides them can be shown by the view; nothing else of the model is assumed.
#pragma once

#include <Qt>

// What a row is. The view shows Message rows as bubbles, Announcement rows as cards, Kick rows
// as a line of text, and collapses consecutive Join and Leave rows into one line.
// Notice: a system line whose text is the row's whole sentence (a room's topic was set).
enum class ChatRowKind : int { Message, Join, Leave, Kick, Announcement, Notice };

// Where one of the user's own messages is on its way to the server.
enum class ChatDelivery : int {
    Delivered, // stored by the server (and every row that is not the user's)
    Pending, // sent, not acknowledged yet: drawn faded, "Sending…"
    Failed, // refused for good: marked, with ChatViewRole::Reason
};

namespace ChatViewRole {
enum : int {
    // Qt::DisplayRole: the row's text as plain text, never markup: a message's or an
    // announcement's text, or the reason of a kick (may be empty).
    // Qt::AccessibleTextRole: what assistive technology reads for the row, e.g. "alice, 14:05:
    // hello" or "alice joined, 14:05".
    Kind = Qt::UserRole + 1, // ChatRowKind as int
    Sender, // QString: who wrote it, joined, left or was kicked; who announced
    Timestamp, // QDateTime (local time)
    Own, // bool: written by the user of this window (right-aligned)
    Delivery, // ChatDelivery as int
    Mention, // bool: someone else's message that names the user
    MentionRanges, // QList<int>: start, length pairs in the text where the user is named
    DayStart, // bool: the first row of its local day (a day separator is drawn above it)
    Reason, // QString: why a Failed message was refused
    FirstFreeRole, // models may add roles of their own from here on
};
} // namespace ChatViewRole
