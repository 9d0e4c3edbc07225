// Classifies a request's authentication style from its Authorization header and query string.
#include "sigv4/auth_style.h"

#include <string_view>

namespace rampart::sigv4 {

namespace {

// True when the raw query has a parameter named exactly `name` (names here need no decoding).
bool HasQueryParam(std::string_view query, std::string_view name) {
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    size_t end = amp == std::string_view::npos ? query.size() : amp;
    std::string_view item = query.substr(pos, end - pos);
    std::string_view key = item.substr(0, item.find('='));
    if (key == name) return true;
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  return false;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

AuthStyle DetectAuthStyle(const http::Request& request) {
  const std::string* auth = request.headers.Find("Authorization");
  std::string_view query = request.RawQuery();
  bool presigned = HasQueryParam(query, "X-Amz-Algorithm");
  bool v2_query = HasQueryParam(query, "Signature") && HasQueryParam(query, "AWSAccessKeyId");
  if (auth != nullptr && (presigned || v2_query)) return AuthStyle::kBoth;
  if (auth == nullptr) {
    if (presigned) return AuthStyle::kPresigned;
    return v2_query ? AuthStyle::kSigV2 : AuthStyle::kNone;
  }
  std::string_view a = *auth;
  if (StartsWith(a, "AWS4-HMAC-SHA256 ")) return AuthStyle::kHeader;
  if (StartsWith(a, "AWS4-ECDSA-P256-SHA256")) return AuthStyle::kSigV4A;
  if (StartsWith(a, "AWS ")) return AuthStyle::kSigV2;
  return AuthStyle::kUnsupported;
}

}  // namespace rampart::sigv4
