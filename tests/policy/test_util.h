// Shared helpers for the policy tests: parsing shortcuts and canned principals.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "policy/policy.h"

namespace rampart::policy::testing {

inline constexpr char kAcct[] = "123456789012";
inline constexpr char kOther[] = "210987654321";

inline std::shared_ptr<const Policy> MustParse(const std::string& json,
                                               PolicyType type = PolicyType::kIdentity) {
  auto r = ParsePolicy(json, type);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message) << "\n" << json;
  return r.ok() ? *r : nullptr;
}

inline PolicyRef Ref(const std::string& json, PolicyType type = PolicyType::kIdentity,
                     std::string id = "policy") {
  return PolicyRef{MustParse(json, type), id, id};
}

inline Principal User(const std::string& name = "alice", const std::string& acct = kAcct) {
  Principal p;
  p.type = PrincipalType::kUser;
  p.account = acct;
  p.arn = "arn:aws:iam::" + acct + ":user/" + name;
  p.unique_id = "AIDAEXAMPLEUSERID0001";
  return p;
}

inline Principal RoleSession(const std::string& role = "R", const std::string& session = "S",
                             const std::string& acct = kAcct) {
  Principal p;
  p.type = PrincipalType::kAssumedRole;
  p.account = acct;
  p.arn = "arn:aws:sts::" + acct + ":assumed-role/" + role + "/" + session;
  p.role_arn = "arn:aws:iam::" + acct + ":role/" + role;
  p.role_id = "AROAEXAMPLEROLEID0001";
  return p;
}

inline Principal Federated(const std::string& name = "fed", const std::string& acct = kAcct) {
  Principal p;
  p.type = PrincipalType::kFederatedUser;
  p.account = acct;
  p.arn = "arn:aws:sts::" + acct + ":federated-user/" + name;
  p.parent_user_arn = "arn:aws:iam::" + acct + ":user/alice";
  return p;
}

inline Principal Root(const std::string& acct = kAcct) {
  Principal p;
  p.type = PrincipalType::kRoot;
  p.account = acct;
  p.arn = "arn:aws:iam::" + acct + ":root";
  return p;
}

inline Principal Service(const std::string& name) {
  Principal p;
  p.type = PrincipalType::kService;
  p.service = name;
  p.arn = name;
  return p;
}

inline Principal Anonymous() { return Principal{}; }

// An identity policy allowing `action` on `resource` (JSON fragments allowed for both).
inline std::string Allow(const std::string& action = "\"*\"", const std::string& resource = "\"*\"",
                         const std::string& extra = "") {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":)" + action +
         R"(,"Resource":)" + resource + extra + "}]}";
}
inline std::string Deny(const std::string& action = "\"*\"", const std::string& resource = "\"*\"",
                        const std::string& extra = "") {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":)" + action +
         R"(,"Resource":)" + resource + extra + "}]}";
}

// Gtest parameter names: keep [A-Za-z0-9_].
inline std::string SafeName(std::string s) {
  for (char& c : s) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

}  // namespace rampart::policy::testing
