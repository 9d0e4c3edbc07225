// Client-side SigV4 signing (header and presigned) for tests and internal tools.
#pragma once

#include <cstdint>
#include <string>

#include "common/clock.h"
#include "http/message.h"

namespace rampart::sigv4 {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
};

struct SignOptions {
  std::string region;
  std::string service;
  bool s3 = false;  // S3 canonical URI; header signing adds x-amz-content-sha256
  // Overrides the HashedPayload line (e.g. "UNSIGNED-PAYLOAD", "STREAMING-...").
  std::string payload_hash;
};

// Adds X-Amz-Date, X-Amz-Security-Token (if any), x-amz-content-sha256 (S3) and Authorization.
// Signs every header present except the hop-by-hop/unstable ones botocore never signs.
// The request must carry a Host header.
void SignRequest(http::Request& request, const Credentials& credentials, Clock::TimePoint now,
                 const SignOptions& options);

// Appends X-Amz-Algorithm/Credential/Date/Expires/SignedHeaders[/Security-Token] and
// X-Amz-Signature to request.target. Signs `host` plus every other header present (as botocore).
void PresignRequest(http::Request& request, const Credentials& credentials, Clock::TimePoint now,
                    int64_t expires_seconds, const SignOptions& options);

}  // namespace rampart::sigv4
