// Pure functions, any thread. The request-target of an HTTP/1.1 request (RFC 9112 3.2) and the
// authorities it and the Host field name (RFC 3986 3.2.2): HttpRequestParser reads the target of
// every request line here, HttpApi the authority a request is addressed to.
#pragma once

#include "httprequestparser.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace RequestTarget {

struct Target
{
    QString path; // percent-decoded; "*" for OPTIONS *
    QByteArray query; // still percent-encoded, without the '?'
    QByteArray authority; // of an absolute-form target; empty for the other forms
};

// Reads origin-form, absolute-form (http or https) or "*" (OPTIONS only). CONNECT's
// authority-form never gets here: CONNECT is not implemented (501). Refuses with 400.
HttpRequestParser::Refusal parse(QByteArrayView target, HttpRequestParser::Method method,
                                 Target *parsed);

// Splits an authority ("host", "host:port", "[v6]:port") into its host and port (-1 without
// one). False when it is not a valid uri-host [":" port] (RFC 3986 3.2.2, RFC 9110 7.2).
bool splitAuthority(QByteArrayView authority, QByteArray *host, int *port);

} // namespace RequestTarget
