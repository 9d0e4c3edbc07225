// Reference SigV4 signer built on the same canonicalization code the verifier uses.
#include "sigv4/signer.h"

#include <algorithm>
#include <set>
#include <vector>

#include "crypto/hex.h"
#include "crypto/hmac.h"
#include "crypto/sha256.h"
#include "sigv4/canonical_request.h"
#include "sigv4/signing_key.h"
#include "sigv4/timestamp.h"
#include "sigv4/uri_encode.h"

namespace rampart::sigv4 {

namespace {

constexpr const char* kNeverSigned[] = {"authorization",
                                        "connection",
                                        "expect",
                                        "keep-alive",
                                        "proxy-authenticate",
                                        "proxy-authorization",
                                        "te",
                                        "trailer",
                                        "transfer-encoding",
                                        "upgrade",
                                        "user-agent",
                                        "x-amzn-trace-id"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool NeverSigned(const std::string& lname) {
  return std::find(std::begin(kNeverSigned), std::end(kNeverSigned), lname) !=
         std::end(kNeverSigned);
}

int64_t Epoch(Clock::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ';';
    out += n;
  }
  return out;
}

std::string Signature(const Credentials& c, const SignOptions& o, const std::string& amz_date,
                      const std::string& canonical_request) {
  std::string date = amz_date.substr(0, 8);
  std::string scope = date + "/" + o.region + "/" + o.service + "/aws4_request";
  std::string sts = StringToSign(amz_date, scope, canonical_request);
  crypto::Sha256Digest key = DeriveSigningKey(c.secret_access_key, date, o.region, o.service);
  return crypto::HexEncode(crypto::AsView(crypto::HmacSha256(crypto::AsView(key), sts)));
}

std::string Canonical(const http::Request& r, const std::vector<std::string>& names,
                      std::string_view query, std::string_view payload, bool s3) {
  std::string uri = CanonicalUri(r.Path(), s3);
  std::string signed_headers = JoinNames(names);
  std::string out;
  CanonicalRequestParts parts{r.method, uri, query, &r.headers, &names, signed_headers, payload};
  BuildCanonicalRequest(parts, out);
  return out;
}

}  // namespace

void SignRequest(http::Request& request, const Credentials& credentials, Clock::TimePoint now,
                 const SignOptions& options) {
  std::string amz_date = FormatAmzDate(Epoch(now));
  request.headers.Set("X-Amz-Date", amz_date);
  if (!credentials.session_token.empty())
    request.headers.Set("X-Amz-Security-Token", credentials.session_token);
  std::string payload = options.payload_hash;
  if (payload.empty()) payload = crypto::Sha256Hex(request.body);
  if (options.s3) request.headers.Set("X-Amz-Content-SHA256", payload);
  std::set<std::string> names;
  for (const auto& [k, v] : request.headers.items) {
    std::string l = Lower(k);
    if (!NeverSigned(l)) names.insert(l);
  }
  std::vector<std::string> sorted(names.begin(), names.end());
  std::string query = CanonicalQueryString(request.RawQuery(), false);
  std::string canonical = Canonical(request, sorted, query, payload, options.s3);
  std::string sig = Signature(credentials, options, amz_date, canonical);
  request.headers.Set("Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id +
                                           "/" + amz_date.substr(0, 8) + "/" + options.region +
                                           "/" + options.service + "/aws4_request, SignedHeaders=" +
                                           JoinNames(sorted) + ", Signature=" + sig);
}

void PresignRequest(http::Request& request, const Credentials& credentials, Clock::TimePoint now,
                    int64_t expires_seconds, const SignOptions& options) {
  std::string amz_date = FormatAmzDate(Epoch(now));
  std::set<std::string> names = {"host"};
  for (const auto& [k, v] : request.headers.items) {
    std::string l = Lower(k);
    if (!NeverSigned(l)) names.insert(l);
  }
  std::vector<std::string> sorted(names.begin(), names.end());
  std::string credential = credentials.access_key_id + "/" + amz_date.substr(0, 8) + "/" +
                           options.region + "/" + options.service + "/aws4_request";
  std::string add =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + UriEncode(credential, true) +
      "&X-Amz-Date=" + amz_date + "&X-Amz-Expires=" + std::to_string(expires_seconds) +
      "&X-Amz-SignedHeaders=" + UriEncode(JoinNames(sorted), true);
  if (!credentials.session_token.empty())
    add += "&X-Amz-Security-Token=" + UriEncode(credentials.session_token, true);
  request.target +=
      request.RawQuery().empty() && request.target.find('?') == std::string::npos ? "?" : "&";
  request.target += add;
  std::string payload = options.payload_hash;
  if (payload.empty())
    payload = options.s3 ? std::string(kUnsignedPayload) : crypto::Sha256Hex(request.body);
  std::string query = CanonicalQueryString(request.RawQuery(), true);
  std::string canonical = Canonical(request, sorted, query, payload, options.s3);
  request.target += "&X-Amz-Signature=" + Signature(credentials, options, amz_date, canonical);
}

}  // namespace rampart::sigv4
