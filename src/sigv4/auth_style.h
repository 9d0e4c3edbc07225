// Which authentication mechanism an HTTP request uses (spec §7.1).
#pragma once

#include "http/message.h"

namespace rampart::sigv4 {

enum class AuthStyle {
  kNone,         // anonymous: no Authorization header, no X-Amz-Algorithm / Signature query
  kHeader,       // Authorization: AWS4-HMAC-SHA256 ...
  kPresigned,    // X-Amz-Algorithm query parameter (any value; the parser checks it)
  kBoth,         // header and query authentication at once
  kSigV2,        // Authorization: AWS AKID:sig, or Signature + AWSAccessKeyId query
  kSigV4A,       // AWS4-ECDSA-P256-SHA256
  kUnsupported,  // any other Authorization scheme
};

AuthStyle DetectAuthStyle(const http::Request& request);

}  // namespace rampart::sigv4
