// Parses SigV4 authentication (header or presigned query) out of an HTTP request (spec §7.2, §7.9).
#pragma once

#include "http/message.h"
#include "sigv4/auth_error.h"
#include "sigv4/parsed_auth.h"

namespace rampart::sigv4 {

// Detects the style and parses it. Anonymous requests yield kMissingAuthentication (callers that
// allow anonymous access check DetectAuthStyle first). Never throws or crashes on any input.
AuthResult<ParsedAuth> ParseAuth(const http::Request& request);

// Parses just an Authorization header value plus the date headers (exposed for fuzzing/tests).
AuthResult<ParsedAuth> ParseAuthorizationHeader(std::string_view authorization,
                                                const http::Headers& headers);
// Parses presigned-URL query parameters from a raw query string.
AuthResult<ParsedAuth> ParsePresignedQuery(std::string_view raw_query,
                                           const http::Headers& headers);

}  // namespace rampart::sigv4
