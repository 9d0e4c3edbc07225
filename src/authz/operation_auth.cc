// Template expansion for operation resource ARNs.
#include "authz/operation_auth.h"

#include <boost/json.hpp>

namespace rampart::authz {

namespace {

std::string MemberText(const boost::json::object& input, std::string_view name) {
  auto it = input.find(name);
  if (it == input.end()) return {};
  const auto& v = it->value();
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_int64()) return std::to_string(v.get_int64());
  return {};
}

}  // namespace

std::string ExpandTemplate(std::string_view tmpl, const ResolveInput& in) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] == '$' && i + 1 < tmpl.size() && tmpl[i + 1] == '{') {
      size_t end = tmpl.find('}', i + 2);
      if (end == std::string_view::npos) break;
      std::string_view name = tmpl.substr(i + 2, end - i - 2);
      if (name == "Partition") {
        out += in.partition;
      } else if (name == "Region") {
        out += in.region;
      } else if (name == "Account") {
        out += in.account_id;
      } else if (name == "Path") {
        std::string path = MemberText(in.input, "Path");
        out += path.empty() ? "/" : path;
      } else {
        std::string v = MemberText(in.input, name);
        out += v.empty() ? "*" : v;
      }
      i = end + 1;
      continue;
    }
    out += tmpl[i++];
  }
  return out;
}

}  // namespace rampart::authz
