// Names of principal types as CloudTrail's userIdentity.type spells them.
#include "auth/principal.h"

namespace rampart::auth {

const char* PrincipalTypeName(PrincipalType type) {
  switch (type) {
    case PrincipalType::kAnonymous:
      return "AWSAccount";
    case PrincipalType::kRoot:
      return "Root";
    case PrincipalType::kIamUser:
      return "IAMUser";
    case PrincipalType::kAssumedRole:
      return "AssumedRole";
    case PrincipalType::kFederatedUser:
      return "FederatedUser";
    case PrincipalType::kWebIdentityUser:
      return "WebIdentityUser";
    case PrincipalType::kSamlUser:
      return "SAMLUser";
    case PrincipalType::kAwsService:
      return "AWSService";
  }
  return "Unknown";
}

}  // namespace rampart::auth
