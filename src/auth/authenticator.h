// Authenticator: verifies a request's SigV4 signature (header or presigned) and resolves its
// principal; the errors it returns are already in the protocol family's codes.
#pragma once

#include <string>
#include <string_view>

#include "auth/credentials.h"
#include "auth/principal.h"
#include "common/aws_error.h"
#include "common/clock.h"
#include "http/message.h"
#include "sigv4/signing_key.h"

namespace rampart::auth {

enum class Family { kQuery, kEc2, kJson, kS3 };

// What routing needs from the credential scope, read without verifying anything.
struct ScopeHint {
  std::string access_key_id;
  std::string region;
  std::string service;
};

struct AuthOutcome {
  bool ok = false;
  Principal principal;        // set when ok (anonymous for unsigned S3 requests)
  AwsError error;             // set when !ok
  std::string access_key_id;  // as presented, for the audit record
  std::string region;         // from the credential scope
  bool unverified = false;    // dev: accepted without checking the signature
  // S3 puts these into SignatureDoesNotMatch bodies.
  std::string string_to_sign;
  std::string canonical_request;
};

struct AuthenticatorOptions {
  // Dev only: an unknown access key acts as this account's root, unverified.
  bool accept_any_credentials = false;
  std::string default_account_id;
  std::string partition = "aws";
};

class Authenticator {
 public:
  Authenticator(CredentialResolver& resolver, const Clock& clock, AuthenticatorOptions options);

  static ScopeHint Peek(const http::Request& request);

  // `signing_name`: the service the scope must name (one server serves every region, so any
  // region in the scope is accepted); `allow_anonymous`: unsigned requests become the
  // anonymous principal (S3) instead of failing.
  AuthOutcome Authenticate(const http::Request& request, std::string_view signing_name,
                           Family family, bool allow_anonymous);

 private:
  CredentialResolver& resolver_;
  const Clock& clock_;
  AuthenticatorOptions options_;
  sigv4::SigningKeyCache cache_;
};

}  // namespace rampart::auth
