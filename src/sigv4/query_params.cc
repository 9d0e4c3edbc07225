// Splits a raw query string into decoded parameters for detection, parsing and canonicalization.
#include "sigv4/query_params.h"

#include "sigv4/uri_encode.h"

namespace rampart::sigv4 {

std::vector<QueryParam> ParseQuery(std::string_view raw_query) {
  std::vector<QueryParam> out;
  size_t start = 0;
  while (start <= raw_query.size()) {
    size_t amp = raw_query.find('&', start);
    size_t end = amp == std::string_view::npos ? raw_query.size() : amp;
    std::string_view item = raw_query.substr(start, end - start);
    if (!item.empty()) {
      size_t eq = item.find('=');
      if (eq == std::string_view::npos) {
        out.push_back({PercentDecode(item), std::string()});
      } else {
        out.push_back({PercentDecode(item.substr(0, eq)), PercentDecode(item.substr(eq + 1))});
      }
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return out;
}

const std::string* FindParam(const std::vector<QueryParam>& params, std::string_view name) {
  for (const auto& p : params)
    if (p.name == name) return &p.value;
  return nullptr;
}

}  // namespace rampart::sigv4
