// Evaluate: statement matching and the decision algorithm (spec §5.2–§5.4, §5.8–§5.11).
#include <algorithm>
#include <array>
#include <cstdint>

#include "policy/arn.h"
#include "policy/condition.h"
#include "policy/glob.h"
#include "policy/policy.h"

namespace rampart::policy {

namespace {

// Principal match classes, ordered by precedence (spec §5.2).
enum MatchClass : uint8_t {
  kNoMatch = 0,
  kAccountMatch = 1,
  kWildcardMatch = 2,
  kRoleOfSessionMatch = 4,
  kUserOfFederationMatch = 8,
  kDirectMatch = 16,
};

struct PolicyOutcome {
  bool deny = false;
  uint8_t allow = 0;  // OR of the match classes of matching Allow statements
};

thread_local std::string g_action;
thread_local std::string g_expand;

// Per-evaluation results of resource patterns and conditions, keyed by their process-wide memo
// id: managed policies repeat the same patterns and conditions, and within one evaluation the
// answer depends only on the (fixed) request. Direct-mapped; a generation stamp invalidates all
// slots at the start of each evaluation without clearing them.
class Memo {
 public:
  void NextEvaluation() {
    if (++gen_ == 0) {
      stamp_.fill(0);
      gen_ = 1;
    }
  }
  bool Get(uint32_t id, uint8_t* value) const {
    size_t slot = id & (kSlots - 1);
    if (id == 0 || stamp_[slot] != gen_ || ids_[slot] != id) return false;
    *value = values_[slot];
    return true;
  }
  void Put(uint32_t id, uint8_t value) {
    if (id == 0) return;
    size_t slot = id & (kSlots - 1);
    stamp_[slot] = gen_;
    ids_[slot] = id;
    values_[slot] = value;
  }

 private:
  static constexpr size_t kSlots = 512;
  uint32_t gen_ = 0;
  std::array<uint32_t, kSlots> stamp_{};
  std::array<uint32_t, kSlots> ids_{};
  std::array<uint8_t, kSlots> values_{};
};
thread_local Memo g_memo;

class Evaluator {
 public:
  Evaluator(const RequestContext& ctx, Decision* d)
      : ctx_(ctx), p_(ctx.principal), d_(d), memo_(g_memo) {
    memo_.NextEvaluation();
    g_action.assign(ctx.action);
    for (char& c : g_action) c = LowerAscii(c);
    action_ = g_action;
    size_t colon = action_.find(':');
    service_ = action_.substr(0, colon);
    service_hash_ = KeyHash(service_);
    action_name_ = colon == std::string_view::npos ? std::string_view() : action_.substr(colon + 1);
    resource_any_ = ctx.resource == "*" || ctx.resource.empty();
    if (SplitArn(ctx.resource, &resource_) == 6) {
      resource_head_ =
          std::string_view(ctx.resource)
              .substr(0, static_cast<size_t>(resource_[5].data() - ctx.resource.data()));
      has_head_ = true;
    }
  }

  std::string_view action() const { return action_; }

  PolicyOutcome EvalPolicy(const PolicyRef& ref, PolicyType as, bool with_principal) {
    PolicyOutcome out;
    if (!ref.policy) return out;
    const Policy& policy = *ref.policy;
    auto visit = [&](const std::vector<uint32_t>& list) {
      for (uint32_t idx : list) {
        const Statement& s = policy.statements()[idx];
        uint8_t m = MatchStatement(s, with_principal);
        if (m == kNoMatch) continue;
        d_->matched.push_back({as, ref.id, ref.name, s.sid, s.index, s.allow});
        if (s.allow) {
          out.allow |= m;
        } else {
          out.deny = true;
        }
      }
    };
    visit(policy.any_service());
    if (const auto* list = policy.ForServiceHashed(service_, service_hash_)) visit(*list);
    return out;
  }

 private:
  uint8_t MatchStatement(const Statement& s, bool with_principal) {
    uint8_t pm = kDirectMatch;
    if (with_principal) {
      if (!s.has_principal) return kNoMatch;
      pm = s.not_principal ? NotPrincipalMatch(s) : BestPrincipal(s);
      if (pm == kNoMatch) return kNoMatch;
    }
    if (!ActionsMatch(s)) return kNoMatch;
    if (s.has_resource && !ResourcesMatch(s)) return kNoMatch;
    // After the first false condition the rest are only checked for missing keys.
    bool ok = true;
    for (const Condition& c : s.conditions) {
      bool missing = false;
      if (ok) {
        ok = ConditionHolds(c, &missing);
      } else {
        missing = ctx_.keys.FindHashed(c.key_lower, c.key_hash) == nullptr;
      }
      if (missing && c.base != BaseOp::kNull) AddMissing(c.key);
    }
    return ok ? pm : static_cast<uint8_t>(kNoMatch);
  }

  bool ConditionHolds(const Condition& c, bool* missing) {
    uint8_t v;
    if (memo_.Get(c.memo_id, &v)) {
      *missing = (v & 2) != 0;
      return (v & 1) != 0;
    }
    bool ok = EvaluateCondition(c, ctx_.keys, missing);
    memo_.Put(c.memo_id, static_cast<uint8_t>((ok ? 1 : 0) | (*missing ? 2 : 0)));
    return ok;
  }

  void AddMissing(std::string_view key) {
    for (std::string_view k : d_->missing_keys) {
      if (EqualsIgnoreCaseAscii(k, key)) return;
    }
    d_->missing_keys.push_back(key);
  }

  bool ActionEntryMatches(const ActionPattern& a) const {
    if (a.any) return true;
    uint8_t v;
    if (memo_.Get(a.memo_id, &v)) return v != 0;
    bool m = FastEqual(a.service, service_) && a.action.Matches(action_name_);
    memo_.Put(a.memo_id, m ? 1 : 0);
    return m;
  }

  bool ActionsMatch(const Statement& s) const {
    bool any = false;
    for (const ActionPattern& a : s.actions) {
      if (ActionEntryMatches(a)) {
        any = true;
        break;
      }
    }
    return s.not_action ? !any : any;
  }

  bool ResourceEntryMatches(const ResourcePattern& r) const {
    if (r.any) return true;
    if (resource_any_) return false;
    uint8_t v;
    if (memo_.Get(r.memo_id, &v)) return v != 0;
    bool m = ResourceEntryMatchesUncached(r);
    memo_.Put(r.memo_id, m ? 1 : 0);
    return m;
  }

  bool ResourceEntryMatchesUncached(const ResourcePattern& r) const {
    if (r.head_exact && has_head_) {
      if (!FastEqual(r.head_joined, resource_head_)) return false;
    } else {
      for (int i = 0; i < 5; ++i) {
        if (!r.head[i].Matches(resource_[i])) return false;
      }
    }
    if (!r.resource.has_vars()) return r.resource_literal.Matches(resource_[5]);
    if (r.resource.simple_glob) return MatchSimpleTemplate(r.resource, ctx_.keys, resource_[5]);
    std::string_view pattern;
    if (!ExpandTemplate(r.resource, ctx_.keys, &g_expand, &pattern)) return false;
    return GlobMatch(pattern, resource_[5]);
  }

  bool ResourcesMatch(const Statement& s) const {
    bool any = false;
    for (const ResourcePattern& r : s.resources) {
      if (ResourceEntryMatches(r)) {
        any = true;
        break;
      }
    }
    return s.not_resource ? !any : any;
  }

  uint8_t EntryMatch(const PrincipalEntry& e) const {
    const bool anonymous = p_.type == PrincipalType::kAnonymous;
    switch (e.kind) {
      case PrincipalKind::kAws:
        if (e.wildcard) return kWildcardMatch;
        if (anonymous || p_.type == PrincipalType::kService) return kNoMatch;
        if (!e.account.empty()) return e.account == p_.account ? kAccountMatch : kNoMatch;
        if (e.value == p_.arn || (!p_.unique_id.empty() && e.value == p_.unique_id)) {
          return kDirectMatch;
        }
        if (p_.type == PrincipalType::kAssumedRole &&
            ((!p_.role_arn.empty() && e.value == p_.role_arn) ||
             (!p_.role_id.empty() && e.value == p_.role_id))) {
          return kRoleOfSessionMatch;
        }
        if (p_.type == PrincipalType::kFederatedUser && !p_.parent_user_arn.empty() &&
            e.value == p_.parent_user_arn) {
          return kUserOfFederationMatch;
        }
        return kNoMatch;
      case PrincipalKind::kService:
        if (p_.type != PrincipalType::kService) return kNoMatch;
        return (e.wildcard || e.value == p_.service) ? kDirectMatch : kNoMatch;
      case PrincipalKind::kFederated:
        return !p_.federated_provider.empty() && e.value == p_.federated_provider ? kDirectMatch
                                                                                  : kNoMatch;
      case PrincipalKind::kCanonicalUser:
        return !p_.canonical_user.empty() && e.value == p_.canonical_user ? kDirectMatch : kNoMatch;
    }
    return kNoMatch;
  }

  uint8_t BestPrincipal(const Statement& s) const {
    uint8_t best = kNoMatch;
    for (const PrincipalEntry& e : s.principals) best = std::max(best, EntryMatch(e));
    return best;
  }

  // Is one of the caller's identities listed in NotPrincipal? (spec §5.8)
  bool Exempted(const Statement& s, std::string_view id, bool is_root_id) const {
    for (const PrincipalEntry& e : s.principals) {
      if (e.wildcard) return true;
      if (e.kind == PrincipalKind::kService && p_.type == PrincipalType::kService &&
          e.value == id) {
        return true;
      }
      if (e.kind != PrincipalKind::kAws) continue;
      if (is_root_id ? e.account == p_.account : e.value == id) return true;
    }
    return false;
  }

  uint8_t NotPrincipalMatch(const Statement& s) const {
    switch (p_.type) {
      case PrincipalType::kAnonymous:
        return Exempted(s, "*", false) ? kNoMatch : kWildcardMatch;
      case PrincipalType::kService:
        return Exempted(s, p_.service, false) ? kNoMatch : kWildcardMatch;
      default:
        break;
    }
    bool applies = !Exempted(s, p_.arn, p_.type == PrincipalType::kRoot) ||
                   !Exempted(s, std::string_view(), true);
    if (p_.type == PrincipalType::kAssumedRole)
      applies = applies || !Exempted(s, p_.role_arn, false);
    if (p_.type == PrincipalType::kFederatedUser) {
      applies = applies || !Exempted(s, p_.parent_user_arn, false);
    }
    return applies ? kWildcardMatch : kNoMatch;
  }

  const RequestContext& ctx_;
  const Principal& p_;
  Decision* d_;
  Memo& memo_;
  std::string_view action_;
  std::string_view service_;
  uint64_t service_hash_ = 0;
  std::string_view action_name_;
  bool resource_any_ = false;
  ArnFields resource_;
  std::string_view resource_head_;  // "arn:partition:service:region:account:" of the request
  bool has_head_ = false;
};

void Finish(Decision* d, Outcome outcome, std::optional<PolicyType> by) {
  d->outcome = outcome;
  d->decided_by = by;
}

}  // namespace

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kAllow:
      return "Allow";
    case Outcome::kExplicitDeny:
      return "ExplicitDeny";
    case Outcome::kImplicitDeny:
      return "ImplicitDeny";
  }
  return "ImplicitDeny";
}

namespace {

void Decide(const PolicySet& set, const RequestContext& ctx, Decision* out) {
  Decision& d = *out;
  Evaluator ev(ctx, &d);
  const Principal& p = ctx.principal;
  const bool anonymous = p.type == PrincipalType::kAnonymous;
  const bool service = p.type == PrincipalType::kService;

  // 0. Fixed exceptions.
  if ((ev.action() == "sts:getcalleridentity" && !anonymous) ||
      ev.action() == "sts:getsessiontoken") {
    return Finish(&d, Outcome::kAllow, std::nullopt);
  }

  const bool scp_applies = !set.scp_levels.empty() && !set.principal_is_management_account &&
                           !service && !anonymous && !p.service_linked_role;
  const bool rcp_applies = !set.rcp_levels.empty() && !set.resource_is_management_account &&
                           !service && !p.service_linked_role;
  const PolicyType rb_type =
      set.mode == ResourceMode::kRoleTrust ? PolicyType::kTrust : PolicyType::kResource;

  auto eval_levels = [&](const std::vector<std::vector<PolicyRef>>& levels, PolicyType type,
                         bool with_principal, bool* deny, bool* missing) {
    for (const auto& level : levels) {
      bool level_allow = false;
      for (const PolicyRef& ref : level) {
        PolicyOutcome o = ev.EvalPolicy(ref, type, with_principal);
        *deny = *deny || o.deny;
        level_allow = level_allow || o.allow != 0;
      }
      if (!level_allow) *missing = true;
    }
  };
  bool scp_deny = false, scp_missing = false, rcp_deny = false, rcp_missing = false;
  if (scp_applies) eval_levels(set.scp_levels, PolicyType::kScp, false, &scp_deny, &scp_missing);
  if (rcp_applies) eval_levels(set.rcp_levels, PolicyType::kRcp, true, &rcp_deny, &rcp_missing);

  PolicyOutcome rb;
  if (set.resource_policy) rb = ev.EvalPolicy(*set.resource_policy, rb_type, true);
  PolicyOutcome id;
  for (const PolicyRef& ref : set.identity) {
    PolicyOutcome o = ev.EvalPolicy(ref, PolicyType::kIdentity, false);
    id.deny = id.deny || o.deny;
    id.allow |= o.allow;
  }
  PolicyOutcome pb;
  if (set.boundary) pb = ev.EvalPolicy(*set.boundary, PolicyType::kBoundary, false);
  PolicyOutcome sp;
  for (const PolicyRef& ref : set.session) {
    PolicyOutcome o = ev.EvalPolicy(ref, PolicyType::kSession, false);
    sp.deny = sp.deny || o.deny;
    sp.allow |= o.allow;
  }

  // 1. Explicit deny anywhere (reported in the §5.14 precedence).
  if (scp_deny) return Finish(&d, Outcome::kExplicitDeny, PolicyType::kScp);
  if (rcp_deny) return Finish(&d, Outcome::kExplicitDeny, PolicyType::kRcp);
  if (pb.deny) return Finish(&d, Outcome::kExplicitDeny, PolicyType::kBoundary);
  if (sp.deny) return Finish(&d, Outcome::kExplicitDeny, PolicyType::kSession);
  if (rb.deny) return Finish(&d, Outcome::kExplicitDeny, rb_type);
  if (id.deny) return Finish(&d, Outcome::kExplicitDeny, PolicyType::kIdentity);

  // S3: Block Public Access and ACLs (§5.11).
  S3Verdict s3;
  if (set.s3_hook)
    s3 = set.s3_hook(ctx, set.resource_policy ? set.resource_policy->policy.get() : nullptr);
  if (s3.block) return Finish(&d, Outcome::kExplicitDeny, PolicyType::kResource);

  // 2–3. SCP and RCP gates.
  if (scp_missing) return Finish(&d, Outcome::kImplicitDeny, PolicyType::kScp);
  if (rcp_missing) return Finish(&d, Outcome::kImplicitDeny, PolicyType::kRcp);

  // 4. Core grant.
  const bool same_account = ctx.resource_account.empty() || ctx.resource_account == p.account;
  const bool special = set.mode != ResourceMode::kNormal;
  const bool id_allow = p.type == PrincipalType::kRoot || id.allow != 0;
  const bool pb_ok = !set.boundary || pb.allow != 0;
  const bool session_gate = set.session_policies_apply || !set.session.empty();
  const bool sp_ok = !session_gate || sp.allow != 0;
  const bool identity_path = id_allow && pb_ok && sp_ok;

  uint8_t grants = rb.allow;
  if (s3.restrict_public_policy && (anonymous || (!service && !same_account))) grants = 0;
  if (s3.acl_grants) grants |= s3.acl_grants_public ? kWildcardMatch : kDirectMatch;
  const uint8_t indirect = kRoleOfSessionMatch | kUserOfFederationMatch | kWildcardMatch;

  bool granted = false;
  if (service) {
    granted = grants != 0;
  } else if (anonymous) {
    granted = (grants & kWildcardMatch) != 0;
  } else if (same_account && !special) {
    granted = identity_path || (grants & kDirectMatch) || ((grants & indirect) && pb_ok && sp_ok);
  } else if (same_account) {
    granted = (grants & kDirectMatch) || ((grants & indirect) && pb_ok && sp_ok) ||
              ((grants & kAccountMatch) && identity_path);
  } else {
    granted = grants != 0 && identity_path;
  }

  if (granted) {
    bool by_identity = identity_path && !service && !anonymous && (same_account && !special);
    return Finish(&d, Outcome::kAllow, by_identity ? PolicyType::kIdentity : rb_type);
  }
  PolicyType reason = PolicyType::kIdentity;
  if (service || anonymous || ((special || !same_account) && grants == 0)) {
    reason = rb_type;
  } else if (!pb_ok) {
    reason = PolicyType::kBoundary;
  } else if (!sp_ok) {
    reason = PolicyType::kSession;
  }
  Finish(&d, Outcome::kImplicitDeny, reason);
}

}  // namespace

Decision Evaluate(const PolicySet& set, const RequestContext& ctx) {
  Decision d;
  Decide(set, ctx, &d);
  return d;
}

Decision EvaluateAll(const std::vector<Authorization>& requests) {
  Decision last;
  for (const Authorization& a : requests) {
    last = Evaluate(*a.set, *a.ctx);
    if (!last.allowed()) return last;
  }
  return last;
}

}  // namespace rampart::policy
