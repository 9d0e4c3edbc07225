// Lookups over the generated service tables.
#include <algorithm>

#include "protocol/protocol.h"

namespace rampart::protocol {

const OperationInfo* ServiceInfo::FindOperation(std::string_view name) const {
  auto it = std::lower_bound(
      operations.begin(), operations.end(), name,
      [this](const OperationDef& op, std::string_view n) { return Str(op.name) < n; });
  if (it == operations.end() || Str(it->name) != name) return nullptr;
  return &*it;
}

const MemberDef* ServiceInfo::FindMember(const ShapeDef& s, std::string_view name) const {
  for (const MemberDef& m : Members(s))
    if (Str(m.name) == name) return &m;
  return nullptr;
}

bool ServiceInfo::IsEnumValue(const ShapeDef& s, std::string_view v) const {
  if (s.type != ShapeType::kString || s.count == 0) return true;
  for (uint32_t i = s.first; i < s.first + s.count; ++i)
    if (Str(enum_values[i]) == v) return true;
  return false;
}

const ServiceInfo* FindServiceBySigningName(std::string_view name) {
  // Prefer a service whose endpoint prefix equals the name (s3 before s3control).
  const ServiceInfo* fallback = nullptr;
  for (const ServiceInfo* s : AllServices()) {
    if (s->Str(s->endpoint_prefix) == name) return s;
    if (!fallback && (s->SigningName() == name || s->Name() == name)) fallback = s;
  }
  return fallback;
}

const ServiceInfo* FindServiceByName(std::string_view model_name) {
  for (const ServiceInfo* s : AllServices())
    if (s->Name() == model_name) return s;
  return nullptr;
}

const ServiceInfo* FindServiceByTargetPrefix(std::string_view prefix) {
  for (const ServiceInfo* s : AllServices())
    if (s->target_prefix && s->Str(s->target_prefix) == prefix) return s;
  return nullptr;
}

}  // namespace rampart::protocol
