// The pieces of a SigV4 header or presigned authentication, as parsed from the request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sigv4/auth_style.h"

namespace rampart::sigv4 {

struct ParsedAuth {
  AuthStyle style = AuthStyle::kHeader;  // kHeader or kPresigned
  std::string access_key_id;
  std::string scope_date;  // YYYYMMDD as written in the credential
  std::string region;
  std::string service;
  std::string terminator;                        // "aws4_request" when well-formed
  std::string signed_headers;                    // raw "host;x-amz-date", verbatim
  std::vector<std::string> signed_header_names;  // split on ';', in the given order
  std::string signature;
  // Request timestamp as received (X-Amz-Date, or the Date header for header auth).
  std::string raw_date;
  bool date_from_date_header = false;
  // Request time as YYYYMMDD'T'HHMMSS'Z' and epoch seconds; unset when raw_date is malformed.
  std::string amz_date;
  std::optional<int64_t> request_time;
  int64_t expires_seconds = 0;  // presigned only
  std::string security_token;   // X-Amz-Security-Token (header or query), may be empty
  std::string content_sha256;   // x-amz-content-sha256 header (or X-Amz-Content-Sha256 query)
  bool has_content_sha256 = false;

  // "<date>/<region>/<service>/<terminator>".
  std::string Scope() const { return scope_date + "/" + region + "/" + service + "/" + terminator; }
};

}  // namespace rampart::sigv4
