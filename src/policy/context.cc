// Case-insensitive condition-key map.
#include "policy/context.h"

#include <algorithm>

#include "policy/glob.h"

namespace rampart::policy {

TypedValue ParseTyped(std::string_view value) {
  TypedValue t;
  t.is_number = ParseNumber(value, &t.number);
  t.is_date = ParseDate(value, &t.date);
  t.is_bool = ParseBool(value, &t.boolean);
  t.is_ip = ParseIpAddress(value, &t.ip);
  t.has_reserved = HasReservedBytes(value);
  return t;
}

void ContextKeys::Put(std::string_view key, ContextValue value) {
  value.typed.clear();
  value.typed.reserve(value.values.size());
  for (const std::string& v : value.values) value.typed.push_back(ParseTyped(v));
  std::string lower = ToLowerAscii(key);
  uint64_t hash = KeyHash(lower);
  for (Entry& e : entries_) {
    if (e.hash == hash && e.key == lower) {
      e.value = std::move(value);
      return;
    }
  }
  entries_.push_back({hash, std::move(lower), std::move(value)});
}

void ContextKeys::Set(std::string_view key, std::string value) {
  ContextValue v;
  v.values.push_back(std::move(value));
  Put(key, std::move(v));
}

void ContextKeys::SetMulti(std::string_view key, std::vector<std::string> values) {
  ContextValue v;
  v.values = std::move(values);
  v.multi = true;
  Put(key, std::move(v));
}

void ContextKeys::Remove(std::string_view key) {
  std::string lower = ToLowerAscii(key);
  std::erase_if(entries_, [&](const Entry& e) { return e.key == lower; });
}

const ContextValue* ContextKeys::Find(std::string_view key) const {
  return FindLower(ToLowerAscii(key));
}

}  // namespace rampart::policy
