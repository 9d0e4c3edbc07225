// IamCredentialResolver: resolves long-term access keys from the store, unsealing secrets
// through key custody; cached in memory and invalidated by the store's change feed.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "auth/credentials.h"
#include "crypto/key_custody.h"
#include "store/store.h"

namespace rampart::services::iam {

class IamCredentialResolver final : public auth::CredentialResolver {
 public:
  IamCredentialResolver(store::Store& store, crypto::KeyCustody& custody,
                        std::string partition = "aws");

  auth::ResolvedCredential Resolve(std::string_view access_key_id, std::string_view session_token,
                                   int64_t now_ms) override;

  // Drops cached entries touched by committed changes; subscribed to the store's feed.
  void OnChanges(const std::vector<store::Change>& changes);

  static std::string SecretAad(std::string_view access_key_id);

 private:
  auth::ResolvedCredential Load(std::string_view access_key_id);

  store::Store& store_;
  crypto::KeyCustody& custody_;
  std::string partition_;
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const auth::ResolvedCredential>> cache_;
};

}  // namespace rampart::services::iam
