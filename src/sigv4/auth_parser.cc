// Authorization header / presigned query parsing with AWS's error for each malformation.
#include "sigv4/auth_parser.h"

#include <charconv>
#include <string>

#include "sigv4/query_params.h"
#include "sigv4/timestamp.h"

namespace rampart::sigv4 {

namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr int64_t kMaxPresignExpires = 604800;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits "AKID/date/region/service/terminator"; false unless exactly five non-empty parts.
bool SplitCredential(std::string_view cred, ParsedAuth& out) {
  std::string_view parts[5];
  size_t n = 0;
  size_t start = 0;
  while (true) {
    size_t slash = cred.find('/', start);
    if (n == 5) return false;
    parts[n++] = cred.substr(start, slash == std::string_view::npos ? cred.npos : slash - start);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (n != 5) return false;
  for (auto p : parts)
    if (p.empty()) return false;
  out.access_key_id = parts[0];
  out.scope_date = parts[1];
  out.region = parts[2];
  out.service = parts[3];
  out.terminator = parts[4];
  return true;
}

void SplitSignedHeaders(ParsedAuth& out) {
  std::string_view s = out.signed_headers;
  size_t start = 0;
  while (start <= s.size()) {
    size_t semi = s.find(';', start);
    size_t end = semi == std::string_view::npos ? s.size() : semi;
    out.signed_header_names.emplace_back(s.substr(start, end - start));
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
}

bool HostSigned(const ParsedAuth& a) {
  for (const auto& h : a.signed_header_names)
    if (h == "host" || h == ":authority") return true;
  return false;
}

// Fills raw_date / amz_date / request_time from a basic-format timestamp.
void SetAmzDate(std::string_view raw, ParsedAuth& out) {
  out.raw_date = raw;
  if (auto t = ParseAmzDate(raw)) {
    out.amz_date = raw;
    out.request_time = *t;
  }
}

void SetDateHeader(std::string_view raw, ParsedAuth& out) {
  out.raw_date = raw;
  out.date_from_date_header = true;
  if (auto t = ParseHttpDate(raw)) {
    out.amz_date = FormatAmzDate(*t);
    out.request_time = *t;
  }
}

void SetContentSha(const std::string* v, ParsedAuth& out) {
  if (v == nullptr) return;
  out.content_sha256 = *v;
  out.has_content_sha256 = true;
}

AuthError Malformed(std::string_view raw) {
  AuthError e(AuthFailure::kMalformedCredential);
  e.detail =
      "Authorization header requires 'Credential' parameter. Credential is mal-formed. "
      "Authorization=";
  e.detail.append(raw);
  return e;
}

AuthResult<int64_t> ParseExpires(std::string_view v) {
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  std::string_view msg;
  if (v.empty() || ec != std::errc() || ptr != v.data() + v.size()) {
    msg = "X-Amz-Expires should be a number";
  } else if (n < 0) {
    msg = "X-Amz-Expires must be non-negative";
  } else if (n > kMaxPresignExpires) {
    msg =
        "X-Amz-Expires must be less than a week (in seconds); that is, the given "
        "X-Amz-Expires must be less than 604800 seconds";
  } else {
    return n;
  }
  return AuthError(AuthFailure::kInvalidExpires, std::string(msg), std::string(msg));
}

}  // namespace

AuthResult<ParsedAuth> ParseAuthorizationHeader(std::string_view authorization,
                                                const http::Headers& headers) {
  std::string_view rest = authorization;
  if (rest.substr(0, kAlgorithm.size()) != kAlgorithm ||
      (rest.size() > kAlgorithm.size() && rest[kAlgorithm.size()] != ' '))
    return AuthError(AuthFailure::kUnsupportedAuthMechanism);
  rest.remove_prefix(std::min(rest.size(), kAlgorithm.size()));
  std::string_view credential, signed_headers, signature;
  bool has_cred = false, has_sh = false, has_sig = false;
  size_t start = 0;
  while (start <= rest.size()) {
    size_t comma = rest.find(',', start);
    size_t end = comma == std::string_view::npos ? rest.size() : comma;
    std::string_view item = Trim(rest.substr(start, end - start));
    size_t eq = item.find('=');
    if (eq != std::string_view::npos) {
      std::string_view name = item.substr(0, eq);
      std::string_view value = item.substr(eq + 1);
      if (name == "Credential" && !has_cred) {
        credential = value;
        has_cred = true;
      } else if (name == "SignedHeaders" && !has_sh) {
        signed_headers = value;
        has_sh = true;
      } else if (name == "Signature" && !has_sig) {
        signature = value;
        has_sig = true;
      }
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  const std::string* amz_date = headers.Find("X-Amz-Date");
  const std::string* date = headers.Find("Date");
  std::string reasons;
  if (!has_cred) reasons += "Authorization header requires 'Credential' parameter. ";
  if (!has_sig) reasons += "Authorization header requires 'Signature' parameter. ";
  if (!has_sh) reasons += "Authorization header requires 'SignedHeaders' parameter. ";
  if (amz_date == nullptr && date == nullptr)
    reasons +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (!reasons.empty()) {
    reasons += "Authorization=";
    reasons.append(authorization);
    return AuthError(AuthFailure::kIncompleteSignature, std::move(reasons));
  }
  ParsedAuth out;
  out.style = AuthStyle::kHeader;
  if (!SplitCredential(credential, out)) return Malformed(authorization);
  out.signed_headers = signed_headers;
  SplitSignedHeaders(out);
  if (!HostSigned(out)) return AuthError(AuthFailure::kHostNotSigned);
  out.signature = signature;
  if (amz_date != nullptr) {
    SetAmzDate(*amz_date, out);
  } else {
    SetDateHeader(*date, out);
  }
  if (const std::string* tok = headers.Find("X-Amz-Security-Token")) out.security_token = *tok;
  SetContentSha(headers.Find("x-amz-content-sha256"), out);
  return out;
}

AuthResult<ParsedAuth> ParsePresignedQuery(std::string_view raw_query,
                                           const http::Headers& headers) {
  std::vector<QueryParam> params = ParseQuery(raw_query);
  const std::string* algorithm = FindParam(params, "X-Amz-Algorithm");
  const std::string* credential = FindParam(params, "X-Amz-Credential");
  const std::string* signature = FindParam(params, "X-Amz-Signature");
  const std::string* date = FindParam(params, "X-Amz-Date");
  const std::string* signed_headers = FindParam(params, "X-Amz-SignedHeaders");
  const std::string* expires = FindParam(params, "X-Amz-Expires");
  if (algorithm != nullptr && *algorithm != kAlgorithm)
    return AuthError(AuthFailure::kUnsupportedAuthMechanism);
  if (!algorithm || !credential || !signature || !date || !signed_headers || !expires) {
    std::string missing;
    for (auto [p, name] : {std::pair{algorithm, "X-Amz-Algorithm"},
                           {credential, "X-Amz-Credential"},
                           {signature, "X-Amz-Signature"},
                           {date, "X-Amz-Date"},
                           {signed_headers, "X-Amz-SignedHeaders"},
                           {expires, "X-Amz-Expires"}}) {
      if (p == nullptr)
        missing += std::string("Query-string authentication requires the ") + name + " parameter. ";
    }
    missing.pop_back();
    return AuthError(AuthFailure::kMissingPresignParameters, std::move(missing));
  }
  ParsedAuth out;
  out.style = AuthStyle::kPresigned;
  if (!SplitCredential(*credential, out)) {
    AuthError e(AuthFailure::kMalformedCredential);
    e.detail = "X-Amz-Credential is mal-formed.";
    e.s3_detail =
        "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; "
        "expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";
    return e;
  }
  auto exp = ParseExpires(*expires);
  if (!exp.ok()) return std::move(exp).error();
  out.expires_seconds = *exp;
  out.signed_headers = *signed_headers;
  SplitSignedHeaders(out);
  if (!HostSigned(out)) return AuthError(AuthFailure::kHostNotSigned);
  out.signature = *signature;
  SetAmzDate(*date, out);
  if (const std::string* tok = FindParam(params, "X-Amz-Security-Token")) out.security_token = *tok;
  const std::string* sha = FindParam(params, "X-Amz-Content-Sha256");
  SetContentSha(sha != nullptr ? sha : headers.Find("x-amz-content-sha256"), out);
  return out;
}

AuthResult<ParsedAuth> ParseAuth(const http::Request& request) {
  switch (DetectAuthStyle(request)) {
    case AuthStyle::kNone:
      return AuthError(AuthFailure::kMissingAuthentication);
    case AuthStyle::kBoth:
      return AuthError(AuthFailure::kMultipleAuthMechanisms,
                       "Only one auth mechanism allowed; only the X-Amz-Algorithm query "
                       "parameter or the Authorization header should be specified.");
    case AuthStyle::kSigV2:
    case AuthStyle::kSigV4A:
    case AuthStyle::kUnsupported:
      return AuthError(AuthFailure::kUnsupportedAuthMechanism,
                       "The authorization mechanism you have provided is not supported. Please "
                       "use AWS4-HMAC-SHA256.");
    case AuthStyle::kPresigned:
      return ParsePresignedQuery(request.RawQuery(), request.headers);
    case AuthStyle::kHeader:
      break;
  }
  return ParseAuthorizationHeader(request.headers.Get("Authorization"), request.headers);
}

}  // namespace rampart::sigv4
