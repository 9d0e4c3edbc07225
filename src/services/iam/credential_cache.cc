// Access-key resolution with a change-feed-invalidated cache.
#include "services/iam/credential_cache.h"

#include "crypto/base64.h"
#include "services/iam/iam_records.h"

namespace rampart::services::iam {

IamCredentialResolver::IamCredentialResolver(store::Store& store, crypto::KeyCustody& custody,
                                             std::string partition)
    : store_(store), custody_(custody), partition_(std::move(partition)) {}

std::string IamCredentialResolver::SecretAad(std::string_view access_key_id) {
  return "iam/secret-access-key/" + std::string(access_key_id);
}

auth::ResolvedCredential IamCredentialResolver::Resolve(std::string_view access_key_id,
                                                        std::string_view session_token,
                                                        int64_t now_ms) {
  std::shared_ptr<const auth::ResolvedCredential> cached;
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(std::string(access_key_id));
    if (it != cache_.end()) cached = it->second;
  }
  if (!cached) {
    auto loaded = std::make_shared<const auth::ResolvedCredential>(Load(access_key_id));
    std::lock_guard lock(mu_);
    if (cache_.size() > 100000) cache_.clear();
    cache_[std::string(access_key_id)] = loaded;
    cached = loaded;
  }
  // Long-term keys carry no session token; a token sent with one is not valid.
  if (cached->status == auth::CredentialStatus::kOk && !session_token.empty())
    return {auth::CredentialStatus::kInvalidToken, {}, {}};
  return *cached;
}

auth::ResolvedCredential IamCredentialResolver::Load(std::string_view access_key_id) {
  auth::ResolvedCredential out;
  std::optional<AccessKeyRecord> key;
  std::optional<UserRecord> user;
  Status st = store_.Read([&](store::ReadTxn& txn) -> Status {
    RAMPART_ASSIGN_OR_RETURN(key, LoadAccessKey(txn, access_key_id));
    if (key && !key->user_name.empty()) {
      RAMPART_ASSIGN_OR_RETURN(user, LoadUser(txn, key->account_id, key->user_name));
    }
    return Status::Ok();
  });
  if (!st.ok() || !key || key->status != "Active") return out;
  if (!key->user_name.empty() && !user) return out;
  auto sealed = crypto::Base64Decode(key->sealed_secret);
  if (!sealed.ok()) return out;
  auto secret = custody_.Unseal(*sealed, SecretAad(key->access_key_id));
  if (!secret.ok()) return out;

  auth::Principal& p = out.principal;
  p.account_id = key->account_id;
  p.access_key_id = key->access_key_id;
  if (key->user_name.empty()) {
    p.type = auth::PrincipalType::kRoot;
    p.arn = "arn:" + partition_ + ":iam::" + key->account_id + ":root";
    p.user_id = key->account_id;
  } else {
    p.type = auth::PrincipalType::kIamUser;
    p.arn = user->arn;
    p.user_id = user->user_id;
    p.name = user->user_name;
    p.path = user->path;
    p.tags = user->tags;
  }
  out.secret_access_key = std::move(*secret);
  out.status = auth::CredentialStatus::kOk;
  return out;
}

void IamCredentialResolver::OnChanges(const std::vector<store::Change>& changes) {
  bool flush_all = false;
  std::lock_guard lock(mu_);
  for (const auto& c : changes) {
    if (c.collection == kAccessKeys) {
      cache_.erase(c.key);
    } else if (c.collection == kUsers) {
      flush_all = true;  // user attributes are copied into principals of all its keys
    }
  }
  if (flush_all) cache_.clear();
}

}  // namespace rampart::services::iam
