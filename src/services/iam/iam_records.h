// IAM entities as stored: users and access keys, with their collection keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace rampart::services::iam {

inline constexpr std::string_view kUsers = "iam.users";
inline constexpr std::string_view kAccessKeys = "iam.access_keys";
inline constexpr std::string_view kUserKeys = "iam.user_keys";  // index: user → key ids
inline constexpr std::string_view kAccounts = "accounts";
// Inline user policies: "<account>/<user lowercased>/<policy name>" → {PolicyName, PolicyDocument}.
inline constexpr std::string_view kUserPolicies = "iam.user_policies";

using Tags = std::vector<std::pair<std::string, std::string>>;

struct UserRecord {
  std::string account_id;
  std::string user_name;
  std::string user_id;
  std::string path = "/";
  std::string arn;
  int64_t create_date_ms = 0;
  Tags tags;
};

struct AccessKeyRecord {
  std::string access_key_id;
  std::string account_id;
  std::string user_name;  // empty for the account root
  std::string status = "Active";
  int64_t create_date_ms = 0;
  std::string sealed_secret;  // secret access key sealed by KeyCustody, base64
  int64_t last_used_ms = 0;
  std::string last_used_service;
  std::string last_used_region;
};

struct AccountRecord {
  std::string account_id;
  int64_t create_date_ms = 0;
};

// IAM names are unique case-insensitively within an account.
std::string UserKey(std::string_view account_id, std::string_view user_name);
std::string UserKeyIndexPrefix(std::string_view account_id, std::string_view user_name);

std::string Serialize(const UserRecord& r);
std::string Serialize(const AccessKeyRecord& r);
std::string Serialize(const AccountRecord& r);
Result<UserRecord> ParseUser(std::string_view json);
Result<AccessKeyRecord> ParseAccessKey(std::string_view json);
Result<AccountRecord> ParseAccount(std::string_view json);

Result<std::optional<UserRecord>> LoadUser(store::ReadTxn& txn, std::string_view account_id,
                                           std::string_view user_name);
Result<std::optional<AccessKeyRecord>> LoadAccessKey(store::ReadTxn& txn,
                                                     std::string_view access_key_id);
Result<std::vector<AccessKeyRecord>> LoadUserKeys(store::ReadTxn& txn, std::string_view account_id,
                                                  std::string_view user_name);
struct InlinePolicy {
  std::string name;
  std::string document;  // JSON as submitted (decoded from the wire)
};
std::string UserPolicyKey(std::string_view account_id, std::string_view user_name,
                          std::string_view policy_name);
Result<std::vector<InlinePolicy>> LoadUserPolicies(store::ReadTxn& txn, std::string_view account_id,
                                                   std::string_view user_name);

Result<std::optional<AccountRecord>> LoadAccount(store::ReadTxn& txn, std::string_view account_id);

}  // namespace rampart::services::iam
