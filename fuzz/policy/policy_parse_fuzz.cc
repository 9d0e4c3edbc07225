// libFuzzer target: policy documents of every type through ParsePolicy and, when valid, Evaluate.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/policy.h"

namespace {

rampart::policy::RequestContext FuzzContext() {
  using rampart::policy::PrincipalType;
  rampart::policy::RequestContext ctx;
  ctx.principal.type = PrincipalType::kAssumedRole;
  ctx.principal.account = "123456789012";
  ctx.principal.arn = "arn:aws:sts::123456789012:assumed-role/R/S";
  ctx.principal.role_arn = "arn:aws:iam::123456789012:role/R";
  ctx.action = "s3:GetObject";
  ctx.resource = "arn:aws:s3:::bucket/key";
  ctx.keys.Set("aws:username", "alice");
  ctx.keys.Set("aws:SourceIp", "203.0.113.7");
  ctx.keys.Set("aws:CurrentTime", "2024-01-15T09:30:00Z");
  ctx.keys.Set("aws:MultiFactorAuthPresent", "true");
  ctx.keys.SetMulti("aws:TagKeys", {"a", "b"});
  return ctx;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rampart::policy;
  static const RequestContext kCtx = FuzzContext();
  std::string_view json(reinterpret_cast<const char*>(data), size);
  (void)ValidatePolicyCharset(json);
  for (PolicyType type :
       {PolicyType::kIdentity, PolicyType::kResource, PolicyType::kTrust, PolicyType::kScp,
        PolicyType::kRcp, PolicyType::kSession, PolicyType::kBoundary}) {
    ParseOptions options;
    options.max_size = SIZE_MAX;
    auto parsed = ParsePolicy(json, type, options);
    if (!parsed.ok()) {
      // Every failure is a well-formed service error.
      if (parsed.error().code.empty() || parsed.error().message.empty()) __builtin_trap();
      continue;
    }
    PolicySet set;
    PolicyRef ref{*parsed, "fuzz", "fuzz"};
    if (type == PolicyType::kResource || type == PolicyType::kTrust) {
      set.resource_policy = ref;
      set.mode = type == PolicyType::kTrust ? ResourceMode::kRoleTrust : ResourceMode::kNormal;
    } else if (type == PolicyType::kScp) {
      set.scp_levels.push_back({ref});
    } else if (type == PolicyType::kRcp) {
      set.rcp_levels.push_back({ref});
    } else {
      set.identity.push_back(ref);
    }
    Decision d = Evaluate(set, kCtx);
    std::string msg = AccessDeniedMessage(d, kCtx.principal.arn, kCtx.action, kCtx.resource);
    if (!d.allowed() && msg.empty()) __builtin_trap();
  }
  return 0;
}
