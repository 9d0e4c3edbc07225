// IamPolicySource: the policies that apply to a principal, read from the IAM store, compiled
// once and cached per principal until the change feed says they changed.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

#include "authz/policy_decider.h"
#include "store/store.h"

namespace rampart::services::iam {

class IamPolicySource final : public authz::PolicySource {
 public:
  explicit IamPolicySource(store::Store& store);

  std::shared_ptr<const policy::PolicySet> ForPrincipal(const auth::Principal& p) override;
  void OnChanges(const std::vector<store::Change>& changes);

 private:
  std::shared_ptr<const policy::PolicySet> Load(const auth::Principal& p);

  store::Store& store_;
  policy::PolicyCache compiled_;
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const policy::PolicySet>> by_principal_;
};

}  // namespace rampart::services::iam
