// Internal glue between Beast's HTTP types and http::Request/Response (not a public header).
#pragma once

#include <boost/beast/http.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace rampart::http::wire {

namespace bhttp = boost::beast::http;

using HeaderParser = bhttp::request_parser<bhttp::empty_body>;
using BodyParser = bhttp::request_parser<bhttp::string_body>;
using RequestHeader = bhttp::request_header<>;
using BeastResponse = bhttp::response<bhttp::string_body>;
using StreamResponse = bhttp::response<bhttp::buffer_body>;

// A transport-level rejection: status, short code and message for the RejectFn.
struct Rejection {
  int status;
  std::string_view code;
  std::string_view message;
};

Rejection TooLarge();
Rejection HeaderTooLarge();
Rejection Timeout();
Rejection Malformed();
Rejection Overloaded();
Rejection NoResponse();

// Applies the server's header limit; the body limit is applied after BodyLimitFn decided it.
void ConfigureHeaderParser(HeaderParser& parser, size_t max_header_bytes);

// Moves a finished header parser into a body parser limited to `body_limit` bytes.
void StartBody(std::optional<BodyParser>& body, HeaderParser&& header, size_t body_limit);

// Method, target and fields of a parsed header (body empty, peer fields unset).
Request HeadersToRequest(const RequestHeader& header);

bool ExpectsContinue(const RequestHeader& header);

// The declared Content-Length when it exceeds `limit` (chunked bodies are checked while read).
bool DeclaredLengthExceeds(const HeaderParser& parser, size_t limit);

// What a parse error means for the client: a rejection to send, or nullopt to close silently
// (end of stream, connection errors).
std::optional<Rejection> ClassifyParseError(const boost::system::error_code& ec);

// RFC 7231 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string HttpDate(std::chrono::system_clock::time_point t);

// Builds the wire response: copies the handler's headers (dropping framing and hop-by-hop ones
// and any with CR/LF), adds Date/Server when absent, sets Content-Length and Connection, and
// leaves the body out for HEAD requests and statuses that have none.
BeastResponse ToBeastResponse(Response&& response, bool head_request, unsigned version,
                              bool keep_alive);

// The header of a streamed response (Response::body_producer). Sets the handler's Content-Length
// when valid (returned in *declared_length), else chunked framing for HTTP/1.1 or, for HTTP/1.0,
// a close-delimited body (then *keep_alive becomes false).
StreamResponse ToStreamResponse(Response& response, bool head_request, unsigned version,
                                bool* keep_alive, std::optional<uint64_t>* declared_length);

// True when the handler asked to close the connection ("Connection: close").
bool WantsClose(const Response& response);

}  // namespace rampart::http::wire
