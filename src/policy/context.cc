// Case-insensitive condition-key map.
#include "policy/context.h"

#include "policy/glob.h"

namespace rampart::policy {

void ContextKeys::Set(std::string_view key, std::string value) {
  ContextValue v;
  v.values.push_back(std::move(value));
  map_[ToLowerAscii(key)] = std::move(v);
}

void ContextKeys::SetMulti(std::string_view key, std::vector<std::string> values) {
  ContextValue v;
  v.values = std::move(values);
  v.multi = true;
  map_[ToLowerAscii(key)] = std::move(v);
}

void ContextKeys::Remove(std::string_view key) { map_.erase(ToLowerAscii(key)); }

const ContextValue* ContextKeys::Find(std::string_view key) const {
  return FindLower(ToLowerAscii(key));
}

const ContextValue* ContextKeys::FindLower(std::string_view lower_key) const {
  auto it = map_.find(lower_key);
  return it == map_.end() ? nullptr : &it->second;
}

}  // namespace rampart::policy
