// The §7.13 authentication error matrix: one row per failure, one column per protocol family.
#include "sigv4/error_mapping.h"

#include <string>

namespace rampart::sigv4 {

namespace {

constexpr const char* kMissingToken = "Request is missing Authentication Token";
constexpr const char* kQuerySigMismatch =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";
constexpr const char* kS3SigMismatch =
    "The request signature we calculated does not match the signature you provided. Check your "
    "key and signing method.";
constexpr const char* kInvalidTokenText = "The security token included in the request is invalid.";
constexpr const char* kExpiredTokenText = "The security token included in the request is expired";
constexpr const char* kEc2AuthFailure =
    "AWS was not able to validate the provided access credentials";
constexpr const char* kEc2Expired = "Request has expired.";
constexpr const char* kS3Unsupported =
    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.";
constexpr const char* kS3Multiple =
    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query "
    "string parameter or the Authorization header should be specified";
constexpr const char* kS3PresignParams =
    "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
    "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.";
constexpr const char* kS3Malformed = "The authorization header is malformed";
constexpr const char* kS3BadCredential =
    "The authorization header is malformed; the Credential is mal-formed; expecting "
    "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";
constexpr const char* kS3BadDate = "AWS authentication requires a valid Date or x-amz-date header";
constexpr const char* kS3ScopeDate =
    "The authorization header is malformed; Invalid credential date. Date is not the same as "
    "X-Amz-Date.";
constexpr const char* kS3Skewed =
    "The difference between the request time and the current time is too large.";
constexpr const char* kIncompleteGeneric = "The request signature is incomplete.";
constexpr const char* kHostNotSigned =
    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

// Families that share the "query" shape of most sender errors.
AwsError QueryLike(ProtocolFamily family, const char* query_code, const char* json_code,
                   int json_status, int query_status, std::string message) {
  if (family == ProtocolFamily::kJson) return AwsError::Sender(json_code, message, json_status);
  return AwsError::Sender(query_code, std::move(message), query_status);
}

AwsError Incomplete(ProtocolFamily family, std::string message) {
  return QueryLike(family, "IncompleteSignature", "IncompleteSignatureException", 400, 400,
                   std::move(message));
}

// Scope and signature problems: SignatureDoesNotMatch / InvalidSignatureException / AuthFailure.
AwsError BadSignature(ProtocolFamily family, std::string message) {
  if (family == ProtocolFamily::kEc2) return AwsError::Sender("AuthFailure", kEc2AuthFailure, 401);
  return QueryLike(family, "SignatureDoesNotMatch", "InvalidSignatureException", 400, 403,
                   std::move(message));
}

AwsError Expired(ProtocolFamily family, std::string message) {
  if (family == ProtocolFamily::kEc2) return AwsError::Sender("RequestExpired", kEc2Expired, 400);
  return BadSignature(family, std::move(message));
}

AwsError S3Row(AuthFailure failure) {
  switch (failure) {
    case AuthFailure::kMissingAuthentication:
      return AwsError::Sender("AccessDenied", "Access Denied", 403);
    case AuthFailure::kUnsupportedAuthMechanism:
      return AwsError::Sender("InvalidRequest", kS3Unsupported, 400);
    case AuthFailure::kMultipleAuthMechanisms:
      return AwsError::Sender("InvalidArgument", kS3Multiple, 400);
    case AuthFailure::kIncompleteSignature:
    case AuthFailure::kHostNotSigned:
    case AuthFailure::kBadScopeTerminator:
    case AuthFailure::kBadScopeService:
    case AuthFailure::kBadScopeRegion:
      return AwsError::Sender("AuthorizationHeaderMalformed", kS3Malformed, 400);
    case AuthFailure::kMalformedCredential:
      return AwsError::Sender("AuthorizationHeaderMalformed", kS3BadCredential, 400);
    case AuthFailure::kMissingPresignParameters:
    case AuthFailure::kInvalidExpires:
      return AwsError::Sender("AuthorizationQueryParametersError", kS3PresignParams, 400);
    case AuthFailure::kInvalidDate:
      return AwsError::Sender("AccessDenied", kS3BadDate, 403);
    case AuthFailure::kScopeDateMismatch:
      return AwsError::Sender("AuthorizationHeaderMalformed", kS3ScopeDate, 400);
    case AuthFailure::kRequestTimeTooSkewed:
      return AwsError::Sender("RequestTimeTooSkewed", kS3Skewed, 403);
    case AuthFailure::kPresignedExpired:
      return AwsError::Sender("AccessDenied", "Request has expired", 403);
    case AuthFailure::kPresignedNotYetValid:
      return AwsError::Sender("AccessDenied", "Request is not valid yet", 403);
    case AuthFailure::kMissingContentSha256:
      return AwsError::Sender(
          "InvalidRequest", "Missing required header for this request: x-amz-content-sha256", 400);
    case AuthFailure::kInvalidContentSha256:
      return AwsError::Sender("InvalidArgument",
                              "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                              "STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
                              "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
                              "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
                              400);
    case AuthFailure::kContentSha256Mismatch:
      return AwsError::Sender(
          "XAmzContentSHA256Mismatch",
          "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
    case AuthFailure::kUnsignedHeaders:
      return AwsError::Sender(
          "AccessDenied", "There were headers present in the request which were not signed", 403);
    case AuthFailure::kSignatureDoesNotMatch:
      return AwsError::Sender("SignatureDoesNotMatch", kS3SigMismatch, 403);
    case AuthFailure::kIncompleteBody:
      return AwsError::Sender("IncompleteBody",
                              "You did not provide the number of bytes specified by the "
                              "Content-Length HTTP header.",
                              400);
    case AuthFailure::kMalformedChunkedEncoding:
      return AwsError::Sender("InvalidRequest", "Invalid aws-chunked encoding.", 400);
    case AuthFailure::kUnknownAccessKey:
      return AwsError::Sender("InvalidAccessKeyId",
                              "The AWS Access Key Id you provided does not exist in our records.",
                              403);
    case AuthFailure::kInvalidToken:
      return AwsError::Sender("InvalidToken",
                              "The provided token is malformed or otherwise invalid.", 400);
    case AuthFailure::kExpiredToken:
      return AwsError::Sender("ExpiredToken", "The provided token has expired.", 400);
  }
  return AwsError::Sender("AccessDenied", "Access Denied", 403);
}

AwsError NonS3Row(AuthFailure failure, ProtocolFamily f) {
  const bool json = f == ProtocolFamily::kJson;
  const bool ec2 = f == ProtocolFamily::kEc2;
  switch (failure) {
    case AuthFailure::kMissingAuthentication:
      if (ec2) return AwsError::Sender("AuthFailure", kEc2AuthFailure, 401);
      return QueryLike(f, "MissingAuthenticationToken", "MissingAuthenticationTokenException", 400,
                       403, kMissingToken);
    case AuthFailure::kUnsupportedAuthMechanism:
    case AuthFailure::kMultipleAuthMechanisms:
    case AuthFailure::kIncompleteSignature:
    case AuthFailure::kMissingPresignParameters:
    case AuthFailure::kInvalidExpires:
    case AuthFailure::kMissingContentSha256:
    case AuthFailure::kInvalidContentSha256:
      return Incomplete(f, kIncompleteGeneric);
    case AuthFailure::kMalformedCredential:
      return Incomplete(f,
                        "Authorization header requires 'Credential' parameter. Credential is "
                        "mal-formed.");
    case AuthFailure::kHostNotSigned:
      return Incomplete(f, kHostNotSigned);
    case AuthFailure::kInvalidDate:
      return Incomplete(f, "Date must be in ISO-8601 'basic format'.");
    case AuthFailure::kScopeDateMismatch:
      return BadSignature(f,
                          "Date in Credential scope does not match YYYYMMDD from ISO-8601 "
                          "version of date from HTTP.");
    case AuthFailure::kBadScopeTerminator:
      return BadSignature(f,
                          "Credential should be scoped with a valid terminator: "
                          "'aws4_request'.");
    case AuthFailure::kBadScopeService:
      return BadSignature(f, "Credential should be scoped to correct service.");
    case AuthFailure::kBadScopeRegion:
      return BadSignature(f, "Credential should be scoped to a valid region.");
    case AuthFailure::kRequestTimeTooSkewed:
    case AuthFailure::kPresignedExpired:
      return Expired(f, "Signature expired.");
    case AuthFailure::kPresignedNotYetValid:
      return Expired(f, "Signature not yet current.");
    case AuthFailure::kContentSha256Mismatch:
    case AuthFailure::kSignatureDoesNotMatch:
    case AuthFailure::kUnsignedHeaders:
      return BadSignature(f, kQuerySigMismatch);
    case AuthFailure::kIncompleteBody:
    case AuthFailure::kMalformedChunkedEncoding:
      return Incomplete(f, "The request body is not valid aws-chunked encoding.");
    case AuthFailure::kUnknownAccessKey:
    case AuthFailure::kInvalidToken:
      if (ec2) return AwsError::Sender("AuthFailure", kEc2AuthFailure, 401);
      return QueryLike(f, "InvalidClientTokenId", "UnrecognizedClientException", 400, 403,
                       kInvalidTokenText);
    case AuthFailure::kExpiredToken:
      if (ec2) return AwsError::Sender("RequestExpired", kEc2Expired, 400);
      if (json) return AwsError::Sender("ExpiredTokenException", kExpiredTokenText, 400);
      return AwsError::Sender("ExpiredToken", kExpiredTokenText, 403);
  }
  return Incomplete(f, kIncompleteGeneric);
}

// Codes whose message text is parameterised for query/json/ec2 callers.
bool UsesDetail(const AwsError& e) {
  return e.code == "IncompleteSignature" || e.code == "IncompleteSignatureException" ||
         e.code == "SignatureDoesNotMatch" || e.code == "InvalidSignatureException";
}

}  // namespace

AwsError ToAwsError(AuthFailure failure, ProtocolFamily family) {
  return family == ProtocolFamily::kS3 ? S3Row(failure) : NonS3Row(failure, family);
}

AwsError ToAwsError(const AuthError& error, ProtocolFamily family) {
  AwsError e = ToAwsError(error.failure, family);
  if (family == ProtocolFamily::kS3) {
    if (!error.s3_detail.empty()) e.message = error.s3_detail;
    return e;
  }
  // The signature-mismatch text is fixed; only scope/skew/incomplete rows carry parameters.
  if (!error.detail.empty() && UsesDetail(e) &&
      error.failure != AuthFailure::kSignatureDoesNotMatch)
    e.message = error.detail;
  return e;
}

}  // namespace rampart::sigv4
