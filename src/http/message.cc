// Header lookup helpers for http::Headers.
#include "http/message.h"

#include <algorithm>

namespace rampart::http {

namespace {
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
}  // namespace

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

const std::string* Headers::Find(std::string_view name) const {
  for (const auto& [k, v] : items)
    if (IEquals(k, name)) return &v;
  return nullptr;
}

void Headers::Set(std::string_view name, std::string value) {
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const auto& kv) { return IEquals(kv.first, name); }),
              items.end());
  items.emplace_back(std::string(name), std::move(value));
}

}  // namespace rampart::http
