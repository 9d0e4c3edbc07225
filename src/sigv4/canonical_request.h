// SigV4 canonical request and string to sign (spec §7.6, §7.7).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace rampart::sigv4 {

inline constexpr std::string_view kEmptySha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

// S3: the raw path verbatim ("/" when empty). Others: dot segments removed, empty segments
// collapsed, then UriEncode(encodeSlash=false) applied again (so "%" becomes "%25").
std::string CanonicalUri(std::string_view raw_path, bool s3);

// Decodes each parameter, drops X-Amz-Signature when `presigned`, re-encodes, sorts by
// name then value, joins with '&'.
std::string CanonicalQueryString(std::string_view raw_query, bool presigned);

// Appends "name:value\n" for each signed header; multiple occurrences are joined with ','
// and each value is trimmed with inner whitespace runs collapsed. Returns false if a signed
// header is absent from the request.
bool AppendCanonicalHeaders(const http::Headers& headers, const std::vector<std::string>& names,
                            std::string& out);

struct CanonicalRequestParts {
  std::string_view method;
  std::string_view canonical_uri;
  std::string_view canonical_query;
  const http::Headers* headers = nullptr;
  const std::vector<std::string>* signed_header_names = nullptr;
  std::string_view signed_headers;  // verbatim "a;b;c"
  std::string_view payload_hash;
};

// Joins the six parts; false if a signed header is missing (out is then unspecified).
bool BuildCanonicalRequest(const CanonicalRequestParts& parts, std::string& out);

// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex sha256(canonical_request)>".
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);

}  // namespace rampart::sigv4
