// Raw query-string splitting for SigV4: decoded name/value pairs in wire order.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rampart::sigv4 {

struct QueryParam {
  std::string name;   // percent-decoded ('+' kept as '+')
  std::string value;  // percent-decoded; empty when the item had no '='
};

// Splits on '&' (skipping empty items) and at the first '=' of each item.
std::vector<QueryParam> ParseQuery(std::string_view raw_query);
// First value of `name` (case-sensitive) or nullptr.
const std::string* FindParam(const std::vector<QueryParam>& params, std::string_view name);

}  // namespace rampart::sigv4
