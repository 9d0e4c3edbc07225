// Enforcer: resources and aws:* context for an operation, then the Decider's verdict.
#include "authz/enforcer.h"

#include "common/time_format.h"

namespace rampart::authz {

namespace {

const char* PrincipalTypeKey(auth::PrincipalType t) {
  switch (t) {
    case auth::PrincipalType::kRoot:
      return "Account";
    case auth::PrincipalType::kIamUser:
      return "User";
    case auth::PrincipalType::kAssumedRole:
    case auth::PrincipalType::kWebIdentityUser:
    case auth::PrincipalType::kSamlUser:
      return "AssumedRole";
    case auth::PrincipalType::kFederatedUser:
      return "FederatedUser";
    case auth::PrincipalType::kAwsService:
      return "AWSService";
    case auth::PrincipalType::kAnonymous:
      return "Anonymous";
  }
  return "Anonymous";
}

void Add(ConditionValues& ctx, std::string key, std::string value) {
  ctx.push_back({std::move(key), {std::move(value)}});
}

}  // namespace

std::vector<std::string> Enforcer::Resources(const OperationAuth& op, const ResolveInput& in) {
  if (op.resolve_resources) return op.resolve_resources(in);
  std::vector<std::string> out;
  out.reserve(op.resources.size());
  for (auto tmpl : op.resources) out.push_back(ExpandTemplate(tmpl, in));
  if (out.empty()) out.emplace_back("*");
  return out;
}

ConditionValues Enforcer::BuildContext(const OperationAuth& op, const ResolveInput& in,
                                       const RequestFacts& facts) {
  const auth::Principal& p = in.principal;
  ConditionValues ctx;
  ctx.reserve(24);
  int64_t now_s =
      std::chrono::duration_cast<std::chrono::seconds>(facts.now.time_since_epoch()).count();
  Add(ctx, "aws:CurrentTime", FormatIso8601(now_s));
  Add(ctx, "aws:EpochTime", std::to_string(now_s));
  Add(ctx, "aws:SecureTransport", facts.secure_transport ? "true" : "false");
  if (!facts.source_ip.empty()) Add(ctx, "aws:SourceIp", std::string(facts.source_ip));
  if (!facts.user_agent.empty()) Add(ctx, "aws:UserAgent", std::string(facts.user_agent));
  if (!facts.region.empty()) Add(ctx, "aws:RequestedRegion", std::string(facts.region));
  if (p.type != auth::PrincipalType::kAnonymous) {
    Add(ctx, "aws:PrincipalArn", p.type == auth::PrincipalType::kAssumedRole ? p.role_arn : p.arn);
    Add(ctx, "aws:PrincipalAccount", p.account_id);
    Add(ctx, "aws:PrincipalType", PrincipalTypeKey(p.type));
    Add(ctx, "aws:userid", p.user_id);
    Add(ctx, "aws:PrincipalIsAWSService", "false");
    if (p.type == auth::PrincipalType::kIamUser) Add(ctx, "aws:username", p.name);
    for (const auto& [k, v] : p.tags) Add(ctx, "aws:PrincipalTag/" + k, v);
    if (p.temporary) {
      Add(ctx, "aws:TokenIssueTime", FormatIso8601(p.session_issued_ms / 1000));
      Add(ctx, "aws:MultiFactorAuthPresent", p.mfa_authenticated ? "true" : "false");
      if (p.mfa_authenticated)
        Add(ctx, "aws:MultiFactorAuthAge", std::to_string(now_s - p.mfa_auth_time_ms / 1000));
      if (!p.source_identity.empty()) Add(ctx, "aws:SourceIdentity", p.source_identity);
    }
  }
  if (op.keys) {
    for (auto& kv : op.keys(in)) ctx.push_back(std::move(kv));
  }
  return ctx;
}

AuthzDecision Enforcer::Authorize(const OperationAuth& op, const ResolveInput& in,
                                  const RequestFacts& facts) {
  if (op.mode == AuthMode::kAlwaysAllowed) return {Outcome::kAllow, {}};
  std::vector<std::string> resources = Resources(op, in);
  ConditionValues ctx = BuildContext(op, in, facts);
  return decider_.Decide(AuthzRequest{in.principal, op.action, resources, ctx, in.account_id});
}

}  // namespace rampart::authz
