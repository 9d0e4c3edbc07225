// Table test of the §7.13 matrix: code, HTTP status and message per failure and family.
#include "sigv4/error_mapping.h"

#include <gtest/gtest.h>

namespace rampart::sigv4 {
namespace {

using F = AuthFailure;
using P = ProtocolFamily;

struct Row {
  AuthFailure failure;
  ProtocolFamily family;
  const char* code;
  int status;
  const char* message_prefix;  // "" = not checked
};

constexpr const char* kQueryMismatch =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";

const Row kRows[] = {
    // No credentials at all.
    {F::kMissingAuthentication, P::kQuery, "MissingAuthenticationToken", 403,
     "Request is missing Authentication Token"},
    {F::kMissingAuthentication, P::kEc2, "AuthFailure", 401, ""},
    {F::kMissingAuthentication, P::kJson, "MissingAuthenticationTokenException", 400,
     "Request is missing Authentication Token"},
    // Header incomplete.
    {F::kIncompleteSignature, P::kQuery, "IncompleteSignature", 400, ""},
    {F::kIncompleteSignature, P::kEc2, "IncompleteSignature", 400, ""},
    {F::kIncompleteSignature, P::kJson, "IncompleteSignatureException", 400, ""},
    {F::kIncompleteSignature, P::kS3, "AuthorizationHeaderMalformed", 400, ""},
    // Bad date.
    {F::kInvalidDate, P::kQuery, "IncompleteSignature", 400, ""},
    {F::kInvalidDate, P::kEc2, "IncompleteSignature", 400, ""},
    {F::kInvalidDate, P::kJson, "IncompleteSignatureException", 400, ""},
    {F::kInvalidDate, P::kS3, "AccessDenied", 403,
     "AWS authentication requires a valid Date or x-amz-date header"},
    // Scope date / region / service / terminator.
    {F::kScopeDateMismatch, P::kQuery, "SignatureDoesNotMatch", 403, "Date in Credential scope"},
    {F::kScopeDateMismatch, P::kEc2, "AuthFailure", 401, ""},
    {F::kScopeDateMismatch, P::kJson, "InvalidSignatureException", 400, ""},
    {F::kScopeDateMismatch, P::kS3, "AuthorizationHeaderMalformed", 400,
     "The authorization header is malformed; Invalid credential date."},
    {F::kBadScopeRegion, P::kQuery, "SignatureDoesNotMatch", 403,
     "Credential should be scoped to a valid region"},
    {F::kBadScopeRegion, P::kEc2, "AuthFailure", 401, ""},
    {F::kBadScopeRegion, P::kJson, "InvalidSignatureException", 400, ""},
    {F::kBadScopeRegion, P::kS3, "AuthorizationHeaderMalformed", 400, ""},
    {F::kBadScopeService, P::kQuery, "SignatureDoesNotMatch", 403,
     "Credential should be scoped to correct service"},
    {F::kBadScopeService, P::kJson, "InvalidSignatureException", 400, ""},
    {F::kBadScopeService, P::kS3, "AuthorizationHeaderMalformed", 400, ""},
    {F::kBadScopeTerminator, P::kQuery, "SignatureDoesNotMatch", 403,
     "Credential should be scoped with a valid terminator"},
    {F::kBadScopeTerminator, P::kEc2, "AuthFailure", 401, ""},
    {F::kBadScopeTerminator, P::kJson, "InvalidSignatureException", 400, ""},
    {F::kBadScopeTerminator, P::kS3, "AuthorizationHeaderMalformed", 400, ""},
    {F::kMalformedCredential, P::kQuery, "IncompleteSignature", 400, ""},
    {F::kMalformedCredential, P::kS3, "AuthorizationHeaderMalformed", 400,
     "The authorization header is malformed; the Credential is mal-formed; expecting "
     "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."},
    // Skew.
    {F::kRequestTimeTooSkewed, P::kQuery, "SignatureDoesNotMatch", 403, "Signature expired"},
    {F::kRequestTimeTooSkewed, P::kEc2, "RequestExpired", 400, "Request has expired."},
    {F::kRequestTimeTooSkewed, P::kJson, "InvalidSignatureException", 400, ""},
    {F::kRequestTimeTooSkewed, P::kS3, "RequestTimeTooSkewed", 403,
     "The difference between the request time and the current time is too large."},
    // Unknown / inactive key.
    {F::kUnknownAccessKey, P::kQuery, "InvalidClientTokenId", 403,
     "The security token included in the request is invalid."},
    {F::kUnknownAccessKey, P::kEc2, "AuthFailure", 401,
     "AWS was not able to validate the provided access credentials"},
    {F::kUnknownAccessKey, P::kJson, "UnrecognizedClientException", 400,
     "The security token included in the request is invalid."},
    {F::kUnknownAccessKey, P::kS3, "InvalidAccessKeyId", 403,
     "The AWS Access Key Id you provided does not exist in our records."},
    // Bad / mismatched session token.
    {F::kInvalidToken, P::kQuery, "InvalidClientTokenId", 403,
     "The security token included in the request is invalid."},
    {F::kInvalidToken, P::kEc2, "AuthFailure", 401, ""},
    {F::kInvalidToken, P::kJson, "UnrecognizedClientException", 400, ""},
    {F::kInvalidToken, P::kS3, "InvalidToken", 400,
     "The provided token is malformed or otherwise invalid."},
    // Expired session.
    {F::kExpiredToken, P::kQuery, "ExpiredToken", 403,
     "The security token included in the request is expired"},
    {F::kExpiredToken, P::kEc2, "RequestExpired", 400, "Request has expired."},
    {F::kExpiredToken, P::kJson, "ExpiredTokenException", 400,
     "The security token included in the request is expired"},
    {F::kExpiredToken, P::kS3, "ExpiredToken", 400, "The provided token has expired."},
    // Signature mismatch.
    {F::kSignatureDoesNotMatch, P::kQuery, "SignatureDoesNotMatch", 403, kQueryMismatch},
    {F::kSignatureDoesNotMatch, P::kEc2, "AuthFailure", 401, ""},
    {F::kSignatureDoesNotMatch, P::kJson, "InvalidSignatureException", 400, kQueryMismatch},
    {F::kSignatureDoesNotMatch, P::kS3, "SignatureDoesNotMatch", 403,
     "The request signature we calculated does not match the signature you provided. Check "
     "your key and signing method."},
    // Mechanisms (7.1).
    {F::kUnsupportedAuthMechanism, P::kS3, "InvalidRequest", 400,
     "The authorization mechanism you have provided is not supported. Please use "
     "AWS4-HMAC-SHA256."},
    {F::kUnsupportedAuthMechanism, P::kQuery, "IncompleteSignature", 400, ""},
    {F::kMultipleAuthMechanisms, P::kS3, "InvalidArgument", 400, "Only one auth mechanism"},
    {F::kMultipleAuthMechanisms, P::kJson, "IncompleteSignatureException", 400, ""},
    // Presigned (7.9).
    {F::kMissingPresignParameters, P::kS3, "AuthorizationQueryParametersError", 400,
     "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
     "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."},
    {F::kInvalidExpires, P::kS3, "AuthorizationQueryParametersError", 400, ""},
    {F::kPresignedExpired, P::kS3, "AccessDenied", 403, "Request has expired"},
    {F::kPresignedExpired, P::kQuery, "SignatureDoesNotMatch", 403, "Signature expired"},
    {F::kPresignedNotYetValid, P::kS3, "AccessDenied", 403, "Request is not valid yet"},
    // S3 payload/header rules (7.6).
    {F::kMissingContentSha256, P::kS3, "InvalidRequest", 400,
     "Missing required header for this request: x-amz-content-sha256"},
    {F::kInvalidContentSha256, P::kS3, "InvalidArgument", 400, ""},
    {F::kContentSha256Mismatch, P::kS3, "XAmzContentSHA256Mismatch", 400,
     "The provided 'x-amz-content-sha256' header does not match what was computed."},
    {F::kUnsignedHeaders, P::kS3, "AccessDenied", 403,
     "There were headers present in the request which were not signed"},
    {F::kIncompleteBody, P::kS3, "IncompleteBody", 400, ""},
};

TEST(ErrorMappingTest, MatrixRows) {
  for (const Row& row : kRows) {
    AwsError e = ToAwsError(row.failure, row.family);
    SCOPED_TRACE(std::string(row.code) + " family " + std::to_string(static_cast<int>(row.family)));
    EXPECT_EQ(e.code, row.code);
    EXPECT_EQ(e.http_status, row.status);
    EXPECT_EQ(e.fault, Fault::kSender);
    EXPECT_FALSE(e.message.empty());
    EXPECT_EQ(e.message.rfind(row.message_prefix, 0), 0u) << e.message;
  }
}

TEST(ErrorMappingTest, EveryFailureHasAnErrorInEveryFamily) {
  for (int f = 0; f <= static_cast<int>(F::kExpiredToken); ++f) {
    for (P p : {P::kQuery, P::kEc2, P::kJson, P::kS3}) {
      AwsError e = ToAwsError(static_cast<AuthFailure>(f), p);
      EXPECT_FALSE(e.code.empty());
      EXPECT_GE(e.http_status, 400);
      EXPECT_LT(e.http_status, 500);
    }
  }
}

TEST(ErrorMappingTest, DetailOverridesParameterisedMessages) {
  AuthError skew(F::kRequestTimeTooSkewed, "Signature expired: X is now earlier than Y");
  EXPECT_EQ(ToAwsError(skew, P::kQuery).message, "Signature expired: X is now earlier than Y");
  EXPECT_EQ(ToAwsError(skew, P::kJson).message, "Signature expired: X is now earlier than Y");
  EXPECT_EQ(ToAwsError(skew, P::kEc2).message, "Request has expired.");  // fixed text
  EXPECT_EQ(ToAwsError(skew, P::kS3).code, "RequestTimeTooSkewed");
  // The mismatch text never takes a detail.
  AuthError mismatch(F::kSignatureDoesNotMatch, "something else");
  EXPECT_EQ(ToAwsError(mismatch, P::kQuery).message, kQueryMismatch);
  AuthError region(F::kBadScopeRegion, "q", "s3 text");
  EXPECT_EQ(ToAwsError(region, P::kS3).message, "s3 text");
  EXPECT_EQ(ToAwsError(region, P::kQuery).message, "q");
}

}  // namespace
}  // namespace rampart::sigv4
