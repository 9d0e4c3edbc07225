// Matching of model `pattern` constraints (Java-style regexes, full match, code-point based).
#pragma once

#include <string_view>

namespace rampart::protocol {

// True if `value` fully matches `pattern`. Patterns the matcher cannot interpret are treated as
// matching (validation is then left to the service), never as an error or a crash.
bool MatchesPattern(std::string_view pattern, std::string_view value);

}  // namespace rampart::protocol
