// Principal: who made a request, as authentication resolved it; shared by authz and audit.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rampart::auth {

enum class PrincipalType {
  kAnonymous,
  kRoot,
  kIamUser,
  kAssumedRole,
  kFederatedUser,
  kWebIdentityUser,
  kSamlUser,
  kAwsService,
};

struct Principal {
  PrincipalType type = PrincipalType::kAnonymous;
  std::string account_id;
  std::string arn;      // as GetCallerIdentity reports it
  std::string user_id;  // AIDA..., AROA...:session, or the account id for root
  std::string name;     // user name, role name, federated user name
  std::string path = "/";
  std::string access_key_id;
  bool temporary = false;  // ASIA credentials

  // Role sessions and federated users.
  std::string role_arn;  // the role (not the session) ARN
  std::string role_name;
  std::string session_name;
  std::string source_identity;
  int64_t session_issued_ms = 0;
  int64_t session_expires_ms = 0;
  bool mfa_authenticated = false;
  int64_t mfa_auth_time_ms = 0;

  std::vector<std::pair<std::string, std::string>> tags;  // principal tags
  std::string service;  // for kAwsService, e.g. "s3.amazonaws.com"

  bool IsRoot() const { return type == PrincipalType::kRoot; }
};

const char* PrincipalTypeName(PrincipalType type);  // CloudTrail userIdentity.type

}  // namespace rampart::auth
