// query / ec2 protocol: form parameters (member.N, entry.N.key, ec2 flattened names) -> documents.
#include <set>

#include "protocol/codec.h"
#include "protocol/protocol.h"

namespace rampart::protocol::internal {

namespace json = boost::json;

namespace {

constexpr int kMaxDepth = 32;

class QueryDecoder {
 public:
  QueryDecoder(const ServiceInfo& svc, const wire::FormParams& params)
      : svc_(svc), params_(params), ec2_(svc.protocol == ProtocolKind::kEc2) {}

  Result<json::object> Structure(const ShapeDef& shape, const std::string& prefix, int depth) {
    if (depth > kMaxDepth) return SerializationError(svc_, "Parameter nesting too deep");
    json::object out;
    for (const MemberDef& m : svc_.Members(shape)) {
      std::string name = MemberName(m);
      std::string key = prefix.empty() ? name : prefix + "." + name;
      if (!Present(key)) continue;
      RAMPART_ASSIGN_OR_RETURN(json::value v, Value(m, key, depth + 1));
      if (!v.is_null()) out[svc_.Str(m.name)] = std::move(v);
    }
    return out;
  }

 private:
  std::string MemberName(const MemberDef& m) const {
    if (!ec2_) return std::string(svc_.WireName(m));
    if (m.query_name) return std::string(svc_.Str(m.query_name));
    if (m.location_name) {
      std::string n(svc_.Str(m.location_name));
      if (!n.empty() && n[0] >= 'a' && n[0] <= 'z') n[0] = static_cast<char>(n[0] - 32);
      return n;
    }
    return std::string(svc_.Str(m.name));
  }

  bool Present(const std::string& key) const {
    if (params_.count(key)) return true;
    std::string dotted = key + ".";
    auto it = params_.lower_bound(dotted);
    return it != params_.end() && it->first.compare(0, dotted.size(), dotted) == 0;
  }

  // Sorted distinct N of keys "<prefix>.N" / "<prefix>.N.<rest>".
  std::vector<uint32_t> Indices(const std::string& prefix) const {
    std::set<uint32_t> out;
    std::string dotted = prefix + ".";
    for (auto it = params_.lower_bound(dotted);
         it != params_.end() && it->first.compare(0, dotted.size(), dotted) == 0; ++it) {
      std::string_view rest = std::string_view(it->first).substr(dotted.size());
      rest = rest.substr(0, rest.find('.'));
      auto n = wire::ParseInt(rest);
      if (n && *n >= 1 && *n <= 1000000) out.insert(static_cast<uint32_t>(*n));
    }
    return {out.begin(), out.end()};
  }

  Result<json::value> Value(const MemberDef& m, const std::string& key, int depth) {
    const ShapeDef& t = svc_.Target(m);
    switch (t.type) {
      case ShapeType::kStructure: {
        RAMPART_ASSIGN_OR_RETURN(json::object o, Structure(t, key, depth));
        return json::value(std::move(o));
      }
      case ShapeType::kList:
        return List(m, t, key, depth);
      case ShapeType::kMap:
        return Map(m, t, key, depth);
      default: {
        auto it = params_.find(key);
        if (it == params_.end()) return json::value(nullptr);
        return ScalarFromText(svc_, t, it->second, key);
      }
    }
  }

  Result<json::value> List(const MemberDef& m, const ShapeDef& t, const std::string& key,
                           int depth) {
    const MemberDef& item = svc_.ListMember(t);
    std::string list_prefix = key;
    if (!ec2_) {
      if (t.Has(shape_flags::kFlattened) || m.Has(member_flags::kFlattened)) {
        if (item.location_name) {
          auto dot = key.rfind('.');
          list_prefix = (dot == std::string::npos ? std::string() : key.substr(0, dot + 1)) +
                        std::string(svc_.Str(item.location_name));
        }
      } else {
        list_prefix =
            key + "." + std::string(item.location_name ? svc_.Str(item.location_name) : "member");
      }
    }
    json::array arr;
    for (uint32_t n : Indices(list_prefix)) {
      RAMPART_ASSIGN_OR_RETURN(json::value v,
                               Value(item, list_prefix + "." + std::to_string(n), depth + 1));
      if (!v.is_null()) arr.push_back(std::move(v));
    }
    return json::value(std::move(arr));
  }

  Result<json::value> Map(const MemberDef& m, const ShapeDef& t, const std::string& key,
                          int depth) {
    const bool flat = t.Has(shape_flags::kFlattened) || m.Has(member_flags::kFlattened);
    std::string base = flat ? key : key + ".entry";
    const MemberDef& k = svc_.MapKey(t);
    const MemberDef& v = svc_.MapValue(t);
    std::string kn(k.location_name ? svc_.Str(k.location_name) : "key");
    std::string vn(v.location_name ? svc_.Str(v.location_name) : "value");
    json::object obj;
    for (uint32_t n : Indices(base)) {
      std::string entry = base + "." + std::to_string(n);
      auto kit = params_.find(entry + "." + kn);
      if (kit == params_.end()) continue;
      RAMPART_ASSIGN_OR_RETURN(json::value val, Value(v, entry + "." + vn, depth + 1));
      if (val.is_null()) val = json::string();
      obj[kit->second] = std::move(val);
    }
    return json::value(std::move(obj));
  }

  const ServiceInfo& svc_;
  const wire::FormParams& params_;
  bool ec2_;
};

}  // namespace

Result<json::object> DecodeQueryParams(const ServiceInfo& svc, const ShapeDef& shape,
                                       const wire::FormParams& params) {
  return QueryDecoder(svc, params).Structure(shape, "", 0);
}

}  // namespace rampart::protocol::internal
