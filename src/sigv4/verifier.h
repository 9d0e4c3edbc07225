// SigV4 verification: timestamp, scope and skew checks, then the constant-time signature check.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "crypto/sha256.h"
#include "http/message.h"
#include "sigv4/auth_error.h"
#include "sigv4/parsed_auth.h"
#include "sigv4/signing_key.h"

namespace rampart::sigv4 {

struct VerifyOptions {
  std::string service;               // the endpoint's signing name, e.g. "sts", "s3"
  bool s3 = false;                   // S3 canonical URI and payload-hash rules
  std::vector<std::string> regions;  // accepted regions; empty = any well-formed region
  std::chrono::seconds max_skew{900};
  // Non-S3 only: honour "x-amz-content-sha256: UNSIGNED-PAYLOAD" instead of hashing the body.
  bool allow_unsigned_payload = false;
  // S3 only: compare a literal x-amz-content-sha256 digest with the body's digest.
  bool check_payload_digest = true;
};

// What a successful verification hands on (e.g. to the aws-chunked verifier).
struct VerifiedRequest {
  crypto::Sha256Digest signing_key{};
  std::string signature;          // the verified seed signature
  std::string payload_hash;       // the HashedPayload line that was signed
  bool streaming_signed = false;  // STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]
};

// Steps 4-6 and 8 of §7.8, everything that needs no secret: date format, scope date,
// terminator, service, region, clock skew / presign window, S3 header rules.
AuthStatus CheckRequest(const ParsedAuth& auth, const http::Request& request, Clock::TimePoint now,
                        const VerifyOptions& options);

// The HashedPayload line for this request, or an error (S3 header rules).
AuthResult<std::string> PayloadHash(const ParsedAuth& auth, const http::Request& request,
                                    const VerifyOptions& options);

// Canonical request and string to sign as the server computes them.
struct SigningMaterial {
  std::string canonical_request;
  std::string string_to_sign;
};
AuthResult<SigningMaterial> ComputeSigningMaterial(const ParsedAuth& auth,
                                                   const http::Request& request,
                                                   std::string_view payload_hash,
                                                   const VerifyOptions& options,
                                                   std::string_view canonical_uri_override = {});

// Step 9 (+10 for S3 literal digests): recompute and compare the signature in constant time.
// `cache` may be null. On mismatch the error carries the canonical request and string to sign.
AuthResult<VerifiedRequest> VerifySignature(const ParsedAuth& auth, const http::Request& request,
                                            std::string_view secret_access_key,
                                            const VerifyOptions& options,
                                            SigningKeyCache* cache = nullptr);

// CheckRequest followed by VerifySignature.
AuthResult<VerifiedRequest> Verify(const ParsedAuth& auth, const http::Request& request,
                                   std::string_view secret_access_key, Clock::TimePoint now,
                                   const VerifyOptions& options, SigningKeyCache* cache = nullptr);

}  // namespace rampart::sigv4
