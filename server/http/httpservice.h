// Lives in the server thread. What an HttpConnection asks the rest of the server about a request
// whose framing passed every check: is it addressed to this server, is its path a WebSocket
// endpoint, and what is the answer. HttpApi implements it.
#pragma once

#include "httpmessage.h"

class HttpService
{
public:
    virtual ~HttpService() = default;

    // True when the request's authority (Host) names this server (docs/PROTOCOL.md, "Host
    // names"). HTTP requests that are not get 421; WebSocket connections are closed with 1008.
    virtual bool acceptsAuthority(const HttpRequest &request) = 0;
    // True for the paths that take a WebSocket handshake.
    virtual bool isWebSocketPath(const QString &path) const = 0;
    // The answer to a request; its body, if it had one, has been read and dropped.
    virtual HttpResponse respond(const HttpRequest &request) = 0;
};
