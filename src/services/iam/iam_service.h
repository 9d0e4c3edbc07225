// IAM service: registers IAM operations (handlers + authorization entries).
#pragma once

#include "crypto/key_custody.h"
#include "services/registry.h"

namespace rampart::services::iam {

struct IamDeps {
  crypto::KeyCustody& custody;
};

void RegisterIam(Registry& registry, IamDeps deps);

// Creates the account record and, when given, a root access key with a known secret
// (dev mode and `rampart init`). Idempotent for an existing account/key.
Status EnsureAccount(store::WriteTxn& txn, crypto::KeyCustody& custody, std::string_view account_id,
                     std::string_view root_access_key_id, std::string_view root_secret,
                     int64_t now_ms);

}  // namespace rampart::services::iam
