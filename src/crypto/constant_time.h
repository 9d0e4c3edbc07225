// Constant-time comparison for MACs, signatures and other secrets.
#pragma once

#include <string_view>

namespace rampart::crypto {

// True iff a == b; time depends only on the lengths, never on the contents.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace rampart::crypto
