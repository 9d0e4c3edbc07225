// Random (version 4) UUIDs in canonical lowercase 8-4-4-4-12 form.
#pragma once

#include <string>

#include "common/random.h"

namespace rampart::crypto {

std::string UuidV4(Random& random);

}  // namespace rampart::crypto
