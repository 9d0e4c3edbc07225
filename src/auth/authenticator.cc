// SigV4 authentication of a request against the credential resolver.
#include "auth/authenticator.h"

#include "sigv4/auth_parser.h"
#include "sigv4/auth_style.h"
#include "sigv4/error_mapping.h"
#include "sigv4/verifier.h"

namespace rampart::auth {

namespace {

sigv4::ProtocolFamily ToSigv4(Family f) {
  switch (f) {
    case Family::kQuery:
      return sigv4::ProtocolFamily::kQuery;
    case Family::kEc2:
      return sigv4::ProtocolFamily::kEc2;
    case Family::kJson:
      return sigv4::ProtocolFamily::kJson;
    case Family::kS3:
      return sigv4::ProtocolFamily::kS3;
  }
  return sigv4::ProtocolFamily::kJson;
}

AuthOutcome Failure(const sigv4::AuthError& error, Family family, std::string access_key_id) {
  AuthOutcome out;
  out.error = sigv4::ToAwsError(error, ToSigv4(family));
  out.access_key_id = std::move(access_key_id);
  out.canonical_request = error.canonical_request;
  out.string_to_sign = error.string_to_sign;
  return out;
}

}  // namespace

Authenticator::Authenticator(CredentialResolver& resolver, const Clock& clock,
                             AuthenticatorOptions options)
    : resolver_(resolver), clock_(clock), options_(std::move(options)) {}

ScopeHint Authenticator::Peek(const http::Request& request) {
  ScopeHint hint;
  sigv4::AuthStyle style = sigv4::DetectAuthStyle(request);
  if (style != sigv4::AuthStyle::kHeader && style != sigv4::AuthStyle::kPresigned) return hint;
  auto parsed = sigv4::ParseAuth(request);
  if (!parsed.ok()) return hint;
  hint.access_key_id = std::move(parsed->access_key_id);
  hint.region = std::move(parsed->region);
  hint.service = std::move(parsed->service);
  return hint;
}

AuthOutcome Authenticator::Authenticate(const http::Request& request, std::string_view signing_name,
                                        Family family, bool allow_anonymous) {
  sigv4::AuthStyle style = sigv4::DetectAuthStyle(request);
  if (style == sigv4::AuthStyle::kNone && allow_anonymous) {
    AuthOutcome out;
    out.ok = true;
    out.principal.type = PrincipalType::kAnonymous;
    out.principal.arn = "*";
    return out;
  }
  auto parsed = sigv4::ParseAuth(request);
  if (!parsed.ok()) return Failure(parsed.error(), family, {});
  const sigv4::ParsedAuth& auth = *parsed;

  sigv4::VerifyOptions options;
  options.service = std::string(signing_name);
  options.s3 = family == Family::kS3;
  Clock::TimePoint now = clock_.Now();
  if (auto st = sigv4::CheckRequest(auth, request, now, options); !st.ok())
    return Failure(st.error(), family, auth.access_key_id);

  ResolvedCredential cred =
      resolver_.Resolve(auth.access_key_id, auth.security_token, clock_.NowEpochMillis());
  switch (cred.status) {
    case CredentialStatus::kOk:
      break;
    case CredentialStatus::kUnknownKey:
      if (options_.accept_any_credentials) {
        AuthOutcome out;
        out.ok = true;
        out.unverified = true;
        out.access_key_id = auth.access_key_id;
        out.region = auth.region;
        out.principal.type = PrincipalType::kRoot;
        out.principal.account_id = options_.default_account_id;
        out.principal.arn =
            "arn:" + options_.partition + ":iam::" + options_.default_account_id + ":root";
        out.principal.user_id = options_.default_account_id;
        out.principal.access_key_id = auth.access_key_id;
        return out;
      }
      return Failure(sigv4::AuthError(sigv4::AuthFailure::kUnknownAccessKey), family,
                     auth.access_key_id);
    case CredentialStatus::kInvalidToken:
      return Failure(sigv4::AuthError(sigv4::AuthFailure::kInvalidToken), family,
                     auth.access_key_id);
    case CredentialStatus::kExpiredToken:
      return Failure(sigv4::AuthError(sigv4::AuthFailure::kExpiredToken), family,
                     auth.access_key_id);
  }

  auto verified = sigv4::VerifySignature(auth, request, cred.secret_access_key, options, &cache_);
  if (!verified.ok()) return Failure(verified.error(), family, auth.access_key_id);

  AuthOutcome out;
  out.ok = true;
  out.principal = std::move(cred.principal);
  out.access_key_id = auth.access_key_id;
  out.region = auth.region;
  return out;
}

}  // namespace rampart::auth
