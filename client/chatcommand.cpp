#include "chatcommand.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

ChatCommand ChatCommand::parse(const QString &input)
{
    ChatCommand command;
    const QString trimmed = input.trimmed();
    if (!trimmed.startsWith(u'/') || trimmed.startsWith(u"//"_s)) {
        command.text = trimmed.startsWith(u"//"_s) ? input.mid(input.indexOf(u'/') + 1) : input;
        return command;
    }
    // "/word rest": the word up to the first white space, the rest after it.
    const qsizetype space = trimmed.indexOf(QRegularExpression(u"\\s"_s));
    const QString word = trimmed.mid(1, space < 0 ? -1 : space - 1).toLower();
    const QString rest = space < 0 ? QString() : trimmed.mid(space + 1).trimmed();
    const qsizetype argumentEnd = rest.indexOf(QRegularExpression(u"\\s"_s));
    const QString first = rest.left(argumentEnd < 0 ? rest.size() : argumentEnd);
    const QString afterFirst = argumentEnd < 0 ? QString() : rest.mid(argumentEnd + 1).trimmed();

    if (word == "join"_L1 || word == "j"_L1) {
        command.kind = first.isEmpty() ? Kind::Incomplete : Kind::Join;
        command.target = first.isEmpty() ? word : (first.startsWith(u'#') ? first.mid(1) : first);
    } else if (word == "leave"_L1 || word == "part"_L1) {
        command.kind = Kind::Leave;
        command.target = first.startsWith(u'#') ? first.mid(1) : first;
    } else if (word == "topic"_L1) {
        command.kind = Kind::Topic;
        command.text = rest;
    } else if (word == "msg"_L1 || word == "query"_L1 || word == "dm"_L1) {
        command.kind = first.isEmpty() ? Kind::Incomplete : Kind::DirectMessage;
        command.target = first.isEmpty() ? word : (first.startsWith(u'@') ? first.mid(1) : first);
        command.text = afterFirst;
    } else {
        command.kind = Kind::Unknown;
        command.target = word;
    }
    return command;
}
