// Loads and caches the policy sets of principals from IAM's collections.
#include "services/iam/iam_policy_source.h"

#include "services/iam/iam_records.h"

namespace rampart::services::iam {

IamPolicySource::IamPolicySource(store::Store& store) : store_(store) {}

std::shared_ptr<const policy::PolicySet> IamPolicySource::ForPrincipal(const auth::Principal& p) {
  {
    std::lock_guard lock(mu_);
    auto it = by_principal_.find(p.arn);
    if (it != by_principal_.end()) return it->second;
  }
  auto set = Load(p);
  std::lock_guard lock(mu_);
  if (by_principal_.size() > 100000) by_principal_.clear();
  by_principal_[p.arn] = set;
  return set;
}

std::shared_ptr<const policy::PolicySet> IamPolicySource::Load(const auth::Principal& p) {
  auto set = std::make_shared<policy::PolicySet>();
  if (p.type != auth::PrincipalType::kIamUser) return set;
  std::vector<InlinePolicy> inline_policies;
  Status st = store_.Read([&](store::ReadTxn& txn) -> Status {
    RAMPART_ASSIGN_OR_RETURN(inline_policies, LoadUserPolicies(txn, p.account_id, p.name));
    return Status::Ok();
  });
  if (!st.ok()) return set;  // no policies: everything is implicitly denied
  for (const auto& ip : inline_policies) {
    auto compiled = compiled_.Get(ip.document, policy::PolicyType::kIdentity);
    if (!compiled.ok()) continue;  // stored documents were validated when put
    set->identity.push_back(
        {std::move(compiled).value(), "user/" + p.name + "/" + ip.name, ip.name});
  }
  return set;
}

void IamPolicySource::OnChanges(const std::vector<store::Change>& changes) {
  for (const auto& c : changes) {
    if (c.collection == kUserPolicies || c.collection == kUsers) {
      std::lock_guard lock(mu_);
      by_principal_.clear();
      return;
    }
  }
}

}  // namespace rampart::services::iam
