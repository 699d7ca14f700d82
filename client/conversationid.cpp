#include "conversationid.h"

#include "usernamerules.h"

#include <QUrl>

using namespace Qt::StringLiterals;

QString ConversationId::key() const
{
    return isDirect() ? u'@' + UsernameRules::comparisonKey(name.trimmed()) : u'#' + name;
}

QString ConversationId::historyQuery() const
{
    // Everything but the unreserved characters encoded: a name's "+" or "&" stays itself.
    return (isDirect() ? u"with="_s : u"room="_s)
           + QString::fromLatin1(QUrl::toPercentEncoding(name.trimmed()));
}
