// Any thread (a value type). What the end of a connection attempt means for the user and for the
// reconnecting: the close code, the refusal before the welcome, the socket's error and the TLS
// outcome (ClientConnection::Ending) turned into one ChatClient::Problem, its detail, and
// whether to try again (docs/PROTOCOL.md, "Close codes" and "Error codes").
#pragma once

#include "chatclient.h"

struct EndingVerdict
{
    struct Context
    {
        bool tls = false; // the attempt asked for TLS
        QString host; // as the user gave it
        bool wasConnected = false; // the welcome had come
        ChatClient::Problem previous = ChatClient::Problem::None; // while retrying
    };

    static EndingVerdict of(const ClientConnection::Ending &ending, const Context &context);

    ChatClient::Problem problem = ChatClient::Problem::NetworkError;
    QString detail;
    bool retry = true;
};
