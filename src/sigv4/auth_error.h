// The closed set of SigV4 authentication failures, with the context needed to render them.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "common/result.h"

namespace rampart::sigv4 {

enum class AuthFailure {
  kMissingAuthentication,     // no Authorization header and no X-Amz-Algorithm query
  kUnsupportedAuthMechanism,  // SigV2, SigV4A, unknown Authorization scheme or algorithm
  kMultipleAuthMechanisms,    // both header and query authentication
  kIncompleteSignature,       // Authorization header misses parts (7.2)
  kMalformedCredential,       // Credential is not AKID/date/region/service/terminator
  kMissingPresignParameters,  // presigned URL misses one of the X-Amz-* parameters
  kInvalidExpires,            // X-Amz-Expires not a number, negative or above 7 days
  kHostNotSigned,             // SignedHeaders lacks host
  kInvalidDate,               // X-Amz-Date / Date malformed
  kScopeDateMismatch,         // credential scope date != request date
  kBadScopeTerminator,        // scope terminator != aws4_request
  kBadScopeService,           // scope service != the endpoint's signing name
  kBadScopeRegion,            // scope region not served here
  kRequestTimeTooSkewed,      // header auth: more than 15 minutes off
  kPresignedExpired,          // presigned: now > X-Amz-Date + X-Amz-Expires
  kPresignedNotYetValid,      // presigned: now < X-Amz-Date - 15 minutes
  kMissingContentSha256,      // S3 without x-amz-content-sha256
  kInvalidContentSha256,      // S3 with an unknown x-amz-content-sha256 value
  kContentSha256Mismatch,     // S3 literal digest differs from the body's digest
  kUnsignedHeaders,           // S3: x-amz-* header present but not signed
  kSignatureDoesNotMatch,     // computed signature differs (also chunk signatures)
  kIncompleteBody,            // aws-chunked body shorter/longer than announced
  kMalformedChunkedEncoding,  // aws-chunked framing broken
  // Decided by the caller after the key lookup (outside this library):
  kUnknownAccessKey,  // access key id unknown, deleted or inactive
  kInvalidToken,      // session token missing, garbled or not matching the key
  kExpiredToken,      // session behind the token has expired
};

// A failure plus the parameters of its message. `detail` replaces the default text for the
// query/json (and, for IncompleteSignature-like codes, ec2) families; `s3_detail` for S3.
struct AuthError {
  AuthFailure failure = AuthFailure::kSignatureDoesNotMatch;
  std::string detail;
  std::string s3_detail;
  // Extra elements for the S3 <Error> body, e.g. {"RequestTime", "..."}; never secrets.
  std::vector<std::pair<std::string, std::string>> s3_extra;
  // For kSignatureDoesNotMatch: what the server signed (S3 echoes these in the error body).
  std::string canonical_request;
  std::string string_to_sign;

  AuthError() = default;
  explicit AuthError(AuthFailure f, std::string d = {}, std::string s3 = {})
      : failure(f), detail(std::move(d)), s3_detail(std::move(s3)) {}
};

// A value or an AuthError.
// A value or an AuthError; success or an AuthError.
template <typename T>
using AuthResult = BasicResult<T, AuthError>;
using AuthStatus = BasicStatus<AuthError>;

}  // namespace rampart::sigv4
