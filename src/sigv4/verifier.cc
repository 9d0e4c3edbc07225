// Implements the §7.8 verification order for header and presigned SigV4 requests.
#include "sigv4/verifier.h"

#include <algorithm>

#include "crypto/constant_time.h"
#include "crypto/hex.h"
#include "crypto/hmac.h"
#include "sigv4/canonical_request.h"
#include "sigv4/timestamp.h"
#include "sigv4/uri_encode.h"

namespace rampart::sigv4 {

namespace {

constexpr std::string_view kTerminator = "aws4_request";
constexpr std::string_view kStreamingSigned = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
constexpr std::string_view kStreamingSignedTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
constexpr std::string_view kStreamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

int64_t EpochSeconds(Clock::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// "2024-01-15T10:00:01Z" for S3 error bodies.
std::string IsoExtended(int64_t epoch) {
  std::string b = FormatAmzDate(epoch);
  return b.substr(0, 4) + "-" + b.substr(4, 2) + "-" + b.substr(6, 2) + "T" + b.substr(9, 2) + ":" +
         b.substr(11, 2) + ":" + b.substr(13, 2) + "Z";
}

bool ValidRegionSyntax(std::string_view r) {
  if (r.empty() || r.size() > 64) return false;
  return std::all_of(r.begin(), r.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

AuthStatus CheckDate(const ParsedAuth& a) {
  if (!a.request_time) {
    AuthError e(AuthFailure::kInvalidDate);
    e.detail = "Date must be in ISO-8601 'basic format'. Got '" + a.raw_date +
               "'. See http://en.wikipedia.org/wiki/ISO_8601";
    return e;
  }
  if (a.scope_date != std::string_view(a.amz_date).substr(0, 8)) {
    AuthError e(AuthFailure::kScopeDateMismatch);
    e.detail =
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
        "from HTTP: '" +
        a.scope_date + "' != '" + a.amz_date.substr(0, 8) + "', from '" + a.amz_date + "'.";
    return e;
  }
  return {};
}

AuthStatus CheckScope(const ParsedAuth& a, const VerifyOptions& o) {
  if (a.terminator != kTerminator) {
    AuthError e(AuthFailure::kBadScopeTerminator);
    e.detail = "Credential should be scoped with a valid terminator: 'aws4_request', not '" +
               a.terminator + "'.";
    e.s3_detail = "The authorization header is malformed; incorrect terminal \"" + a.terminator +
                  "\". This endpoint uses \"aws4_request\".";
    return e;
  }
  if (a.service != o.service) {
    AuthError e(AuthFailure::kBadScopeService);
    e.detail = "Credential should be scoped to correct service: '" + o.service + "'. ";
    e.s3_detail = "The authorization header is malformed; incorrect service \"" + a.service +
                  "\". This endpoint belongs to \"" + o.service + "\".";
    return e;
  }
  bool region_ok = o.regions.empty()
                       ? ValidRegionSyntax(a.region)
                       : std::find(o.regions.begin(), o.regions.end(), a.region) != o.regions.end();
  if (!region_ok) {
    AuthError e(AuthFailure::kBadScopeRegion);
    e.detail = "Credential should be scoped to a valid region, not '" + a.region + "'. ";
    std::string expected = o.regions.empty() ? std::string() : o.regions.front();
    e.s3_detail = "The authorization header is malformed; the region '" + a.region +
                  "' is wrong; expecting '" + expected + "'";
    if (!expected.empty()) e.s3_extra.emplace_back("Region", expected);
    return e;
  }
  return {};
}

AuthStatus CheckSkew(const ParsedAuth& a, int64_t now, int64_t skew) {
  int64_t t = *a.request_time;
  std::string minutes = std::to_string(skew / 60);
  AuthError e(AuthFailure::kRequestTimeTooSkewed);
  if (t < now - skew) {
    e.detail = "Signature expired: " + a.amz_date + " is now earlier than " +
               FormatAmzDate(now - skew) + " (" + FormatAmzDate(now) + " - " + minutes + " min.)";
  } else if (t > now + skew) {
    e.detail = "Signature not yet current: " + a.amz_date + " is still later than " +
               FormatAmzDate(now + skew) + " (" + FormatAmzDate(now) + " + " + minutes + " min.)";
  } else {
    return {};
  }
  e.s3_extra = {{"RequestTime", a.raw_date},
                {"ServerTime", IsoExtended(now)},
                {"MaxAllowedSkewMilliseconds", std::to_string(skew * 1000)}};
  return e;
}

AuthStatus CheckPresignWindow(const ParsedAuth& a, int64_t now, int64_t skew) {
  int64_t t = *a.request_time;
  if (t - skew > now) {
    AuthError e(AuthFailure::kPresignedNotYetValid);
    e.detail = "Signature not yet current: " + a.amz_date + " is still later than " +
               FormatAmzDate(now + skew) + " (" + FormatAmzDate(now) + " + " +
               std::to_string(skew / 60) + " min.)";
    return e;
  }
  if (now > t + a.expires_seconds) {
    AuthError e(AuthFailure::kPresignedExpired);
    e.detail = "Signature expired: " + a.amz_date + " is now earlier than " +
               FormatAmzDate(now - a.expires_seconds) + " (" + FormatAmzDate(now) + " - " +
               std::to_string(a.expires_seconds) + " sec.)";
    e.s3_extra = {{"X-Amz-Expires", std::to_string(a.expires_seconds)},
                  {"Expires", IsoExtended(t + a.expires_seconds)},
                  {"ServerTime", IsoExtended(now)}};
    return e;
  }
  return {};
}

bool StartsWithAmz(std::string_view name) {
  return name.size() >= 6 && http::IEquals(name.substr(0, 6), "x-amz-");
}

// S3: every x-amz-* header must be signed (the security token is exempt, §7.6).
AuthStatus CheckUnsignedAmzHeaders(const ParsedAuth& a, const http::Request& r) {
  std::string unsigned_list;
  for (const auto& header : r.headers.items) {
    const std::string& name = header.first;
    if (!StartsWithAmz(name) || http::IEquals(name, "x-amz-security-token")) continue;
    bool is_signed = std::any_of(a.signed_header_names.begin(), a.signed_header_names.end(),
                                 [&](const std::string& s) { return http::IEquals(s, name); });
    if (is_signed) continue;
    if (!unsigned_list.empty()) unsigned_list += ',';
    for (char c : name) unsigned_list += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  if (unsigned_list.empty()) return {};
  AuthError e(AuthFailure::kUnsignedHeaders);
  e.s3_extra.emplace_back("HeadersNotSigned", unsigned_list);
  return e;
}

bool IsStreamingSigned(std::string_view v) {
  return v == kStreamingSigned || v == kStreamingSignedTrailer;
}

AuthResult<std::string> S3PayloadHash(const ParsedAuth& a) {
  if (a.style == AuthStyle::kPresigned)
    return a.has_content_sha256 ? a.content_sha256 : std::string(kUnsignedPayload);
  if (!a.has_content_sha256) return AuthError(AuthFailure::kMissingContentSha256);
  const std::string& v = a.content_sha256;
  if (v == kUnsignedPayload || v == kStreamingUnsignedTrailer || IsStreamingSigned(v) ||
      crypto::IsLowerHex(v, 64))
    return v;
  return AuthError(AuthFailure::kInvalidContentSha256);
}

}  // namespace

AuthStatus CheckRequest(const ParsedAuth& auth, const http::Request& request, Clock::TimePoint now,
                        const VerifyOptions& options) {
  if (auto s = CheckDate(auth); !s.ok()) return s;
  if (auto s = CheckScope(auth, options); !s.ok()) return s;
  int64_t now_s = EpochSeconds(now);
  int64_t skew = options.max_skew.count();
  if (auth.style == AuthStyle::kPresigned) {
    if (auto s = CheckPresignWindow(auth, now_s, skew); !s.ok()) return s;
  } else if (auto s = CheckSkew(auth, now_s, skew); !s.ok()) {
    return s;
  }
  if (options.s3) {
    if (auto h = S3PayloadHash(auth); !h.ok()) return std::move(h).error();
    if (auto s = CheckUnsignedAmzHeaders(auth, request); !s.ok()) return s;
  }
  return {};
}

AuthResult<std::string> PayloadHash(const ParsedAuth& auth, const http::Request& request,
                                    const VerifyOptions& options) {
  if (options.s3) return S3PayloadHash(auth);
  if (options.allow_unsigned_payload && auth.has_content_sha256 &&
      auth.content_sha256 == kUnsignedPayload)
    return std::string(kUnsignedPayload);
  if (request.body.empty()) return std::string(kEmptySha256);
  return crypto::Sha256Hex(request.body);
}

AuthResult<SigningMaterial> ComputeSigningMaterial(const ParsedAuth& auth,
                                                   const http::Request& request,
                                                   std::string_view payload_hash,
                                                   const VerifyOptions& options,
                                                   std::string_view canonical_uri_override) {
  std::string uri = canonical_uri_override.empty() ? CanonicalUri(request.Path(), options.s3)
                                                   : std::string(canonical_uri_override);
  std::string query = CanonicalQueryString(request.RawQuery(), auth.style == AuthStyle::kPresigned);
  SigningMaterial m;
  CanonicalRequestParts parts{
      request.method,      uri,         query, &request.headers, &auth.signed_header_names,
      auth.signed_headers, payload_hash};
  if (!BuildCanonicalRequest(parts, m.canonical_request)) {
    AuthError e(AuthFailure::kSignatureDoesNotMatch);
    return e;
  }
  m.string_to_sign = StringToSign(auth.amz_date, auth.Scope(), m.canonical_request);
  return m;
}

AuthResult<VerifiedRequest> VerifySignature(const ParsedAuth& auth, const http::Request& request,
                                            std::string_view secret_access_key,
                                            const VerifyOptions& options, SigningKeyCache* cache) {
  if (auth.amz_date.empty()) return AuthError(AuthFailure::kInvalidDate);
  auto payload = PayloadHash(auth, request, options);
  if (!payload.ok()) return std::move(payload).error();
  VerifiedRequest out;
  out.payload_hash = std::move(*payload);
  out.signing_key =
      cache ? cache->Get(secret_access_key, auth.scope_date, auth.region, auth.service)
            : DeriveSigningKey(secret_access_key, auth.scope_date, auth.region, auth.service);
  auto first = ComputeSigningMaterial(auth, request, out.payload_hash, options);
  if (!first.ok()) return std::move(first).error();
  auto matches = [&](const SigningMaterial& m) {
    std::string sig = crypto::HexEncode(
        crypto::AsView(crypto::HmacSha256(crypto::AsView(out.signing_key), m.string_to_sign)));
    return crypto::ConstantTimeEquals(sig, auth.signature);
  };
  bool ok = matches(*first);
  if (!ok && options.s3) {
    // S3 [G]: also accept the signer's own encoding of the decoded path.
    std::string alt = UriEncode(PercentDecode(request.Path()), false);
    if (alt.empty()) alt = "/";
    if (alt != CanonicalUri(request.Path(), true)) {
      auto second = ComputeSigningMaterial(auth, request, out.payload_hash, options, alt);
      ok = second.ok() && matches(*second);
    }
  }
  if (!ok) {
    AuthError e(AuthFailure::kSignatureDoesNotMatch);
    e.canonical_request = std::move(first->canonical_request);
    e.string_to_sign = std::move(first->string_to_sign);
    return e;
  }
  if (options.s3 && options.check_payload_digest && auth.style == AuthStyle::kHeader &&
      crypto::IsLowerHex(out.payload_hash, 64)) {
    std::string actual = crypto::Sha256Hex(request.body);
    if (actual != out.payload_hash) {
      AuthError e(AuthFailure::kContentSha256Mismatch);
      e.s3_extra = {{"ClientComputedContentSHA256", out.payload_hash},
                    {"S3ComputedContentSHA256", actual}};
      return e;
    }
  }
  out.signature = auth.signature;
  out.streaming_signed = options.s3 && IsStreamingSigned(out.payload_hash);
  return out;
}

AuthResult<VerifiedRequest> Verify(const ParsedAuth& auth, const http::Request& request,
                                   std::string_view secret_access_key, Clock::TimePoint now,
                                   const VerifyOptions& options, SigningKeyCache* cache) {
  if (auto s = CheckRequest(auth, request, now, options); !s.ok()) return s.error();
  return VerifySignature(auth, request, secret_access_key, options, cache);
}

}  // namespace rampart::sigv4
