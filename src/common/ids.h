// Generators for AWS-shaped identifiers: unique ids (AIDA...), access keys, secrets, UUIDs.
#pragma once

#include <string>
#include <string_view>

#include "common/random.h"

namespace rampart {

// prefix + 17 characters of [A-Z0-9], e.g. "AIDA" + ... for IAM user ids.
std::string NewUniqueId(std::string_view prefix, Random& random);
// prefix ("AKIA" or "ASIA") + 16 characters of [A-Z2-7].
std::string NewAccessKeyId(std::string_view prefix, Random& random);
// 40 characters of the base64 alphabet, as AWS secret access keys look.
std::string NewSecretAccessKey(Random& random);
// RFC 4122 version-4 UUID, lowercase.
std::string NewUuid(Random& random);

}  // namespace rampart
