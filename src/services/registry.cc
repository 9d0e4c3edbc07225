// Operation registry with startup-time consistency checks.
#include "services/registry.h"

#include <cstdio>
#include <cstdlib>

namespace rampart::services {

void Registry::Add(std::string_view service, OperationEntry entry) {
  bool handler_ok = entry.auth.read_only ? static_cast<bool>(entry.read) && !entry.write
                                         : static_cast<bool>(entry.write) && !entry.read;
  bool auth_ok = !entry.auth.operation.empty() &&
                 (entry.auth.mode == authz::AuthMode::kAlwaysAllowed || !entry.auth.action.empty());
  if (!handler_ok || !auth_ok) {
    std::fprintf(stderr, "registry: bad entry for %.*s:%.*s\n", static_cast<int>(service.size()),
                 service.data(), static_cast<int>(entry.auth.operation.size()),
                 entry.auth.operation.data());
    std::abort();
  }
  auto key = std::make_pair(std::string(service), std::string(entry.auth.operation));
  if (!entries_.emplace(key, std::move(entry)).second) {
    std::fprintf(stderr, "registry: duplicate %s:%s\n", key.first.c_str(), key.second.c_str());
    std::abort();
  }
}

const OperationEntry* Registry::Find(std::string_view service, std::string_view operation) const {
  auto it = entries_.find(std::make_pair(std::string(service), std::string(operation)));
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace rampart::services
