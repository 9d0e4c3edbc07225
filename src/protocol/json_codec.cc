// JSON bodies (json 1.0/1.1 and rest-json) <-> documents, type-checked against the model.
#include <cmath>

#include "protocol/codec.h"
#include "protocol/protocol.h"

namespace rampart::protocol::internal {

namespace json = boost::json;

namespace {

constexpr int kMaxDepth = 64;

std::string Join(std::string_view path, std::string_view name) {
  std::string out(path);
  if (!out.empty()) out += '.';
  out += name;
  return out;
}

Result<json::value> Convert(const ServiceInfo& svc, const ShapeDef& shape, const json::value& v,
                            std::string_view path, int depth) {
  auto bad = [&](std::string_view what) {
    return SerializationError(svc, "Expected " + std::string(what) + " at '" +
                                       std::string(path.empty() ? "$" : path) + "'");
  };
  if (depth > kMaxDepth) return bad("shallower nesting");
  if (shape.Has(shape_flags::kDocument)) return v;
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (!v.is_object()) return bad("an object");
      json::object out;
      for (const auto& kv : v.get_object()) {
        const MemberDef* m = svc.FindMember(shape, kv.key());
        if (!m || kv.value().is_null()) continue;
        RAMPART_ASSIGN_OR_RETURN(json::value c, Convert(svc, svc.Target(*m), kv.value(),
                                                        Join(path, kv.key()), depth + 1));
        out[kv.key()] = std::move(c);
      }
      return json::value(std::move(out));
    }
    case ShapeType::kList: {
      if (!v.is_array()) return bad("a list");
      const ShapeDef& item = svc.Target(svc.ListMember(shape));
      json::array out;
      size_t i = 0;
      for (const json::value& e : v.get_array()) {
        ++i;
        if (e.is_null()) continue;
        RAMPART_ASSIGN_OR_RETURN(json::value c,
                                 Convert(svc, item, e, Join(path, std::to_string(i)), depth + 1));
        out.push_back(std::move(c));
      }
      return json::value(std::move(out));
    }
    case ShapeType::kMap: {
      if (!v.is_object()) return bad("a map");
      const ShapeDef& val = svc.Target(svc.MapValue(shape));
      json::object out;
      for (const auto& kv : v.get_object()) {
        if (kv.value().is_null()) continue;
        RAMPART_ASSIGN_OR_RETURN(json::value c,
                                 Convert(svc, val, kv.value(), Join(path, kv.key()), depth + 1));
        out[kv.key()] = std::move(c);
      }
      return json::value(std::move(out));
    }
    case ShapeType::kString:
      if (!v.is_string()) return bad("a string");
      return v;
    case ShapeType::kBlob:
      if (!v.is_string() || !wire::Base64Decode(v.get_string())) return bad("a base64 string");
      return v;
    case ShapeType::kBoolean:
      if (!v.is_bool()) return bad("a boolean");
      return v;
    case ShapeType::kInteger:
    case ShapeType::kLong: {
      if (v.is_int64()) return v;
      if (v.is_uint64() && v.get_uint64() <= static_cast<uint64_t>(INT64_MAX))
        return json::value(static_cast<int64_t>(v.get_uint64()));
      if (v.is_double() && std::isfinite(v.get_double()) &&
          v.get_double() == std::floor(v.get_double()) && std::fabs(v.get_double()) < 9.2e18)
        return json::value(static_cast<int64_t>(v.get_double()));
      return bad("an integer");
    }
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      if (v.is_number()) return json::value(v.to_number<double>());
      if (v.is_string()) {
        auto d = wire::ParseDouble(v.get_string());
        if (d) return json::value(*d);
      }
      return bad("a number");
    case ShapeType::kTimestamp:
      if (v.is_number()) return json::value(v.to_number<double>());
      if (v.is_string()) {
        auto t = wire::ParseTimestamp(v.get_string());
        if (t) return json::value(*t);
      }
      return bad("a timestamp");
  }
  return bad("a value");
}

json::value TimestampJson(double e) {
  if (std::isfinite(e) && e == std::floor(e) && std::fabs(e) < 9e15)
    return json::value(static_cast<int64_t>(e));
  return json::value(e);
}

json::value Emit(const ServiceInfo& svc, const ShapeDef& shape, const json::value& v,
                 bool body_only, int depth) {
  if (depth > kMaxDepth || shape.Has(shape_flags::kDocument)) return v;
  switch (shape.type) {
    case ShapeType::kStructure: {
      json::object out;
      if (!v.is_object()) return out;
      for (const MemberDef& m : svc.Members(shape)) {
        if (body_only && m.location != Location::kBody) continue;
        auto it = v.get_object().find(svc.Str(m.name));
        if (it == v.get_object().end() || it->value().is_null()) continue;
        std::string_view key = m.location_name && svc.protocol == ProtocolKind::kRestJson
                                   ? svc.Str(m.location_name)
                                   : svc.Str(m.name);
        out[key] = Emit(svc, svc.Target(m), it->value(), false, depth + 1);
      }
      return out;
    }
    case ShapeType::kList: {
      json::array out;
      if (!v.is_array()) return out;
      const ShapeDef& item = svc.Target(svc.ListMember(shape));
      for (const json::value& e : v.get_array())
        out.push_back(Emit(svc, item, e, false, depth + 1));
      return out;
    }
    case ShapeType::kMap: {
      json::object out;
      if (!v.is_object()) return out;
      const ShapeDef& val = svc.Target(svc.MapValue(shape));
      for (const auto& kv : v.get_object())
        out[kv.key()] = Emit(svc, val, kv.value(), false, depth + 1);
      return out;
    }
    case ShapeType::kTimestamp:
      if (v.is_number()) return TimestampJson(v.to_number<double>());
      if (v.is_string()) return TimestampJson(wire::ParseTimestamp(v.get_string()).value_or(0));
      return v;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (v.is_double()) return json::value(static_cast<int64_t>(v.get_double()));
      return v;
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      if (v.is_number()) return json::value(v.to_number<double>());
      return v;
    default:
      return v;
  }
}

}  // namespace

Result<json::value> JsonToDocument(const ServiceInfo& svc, const ShapeDef& shape,
                                   const json::value& v, std::string_view path) {
  return Convert(svc, shape, v, path, 0);
}

Result<json::object> DecodeJsonBody(const ServiceInfo& svc, const ShapeDef& shape,
                                    std::string_view body) {
  if (wire::Trim(body).empty()) return json::object();
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = kMaxDepth;
  json::value v = json::parse(body, ec, {}, opts);
  if (ec) return SerializationError(svc, "Start of structure or map found where not expected.");
  if (!v.is_object()) return SerializationError(svc, "Expected a JSON object body");
  RAMPART_ASSIGN_OR_RETURN(json::value doc, Convert(svc, shape, v, "", 0));
  return std::move(doc.get_object());
}

json::value DocumentToJson(const ServiceInfo& svc, const ShapeDef& shape, const json::value& v,
                           bool body_members_only) {
  return Emit(svc, shape, v, body_members_only, 0);
}

}  // namespace rampart::protocol::internal
