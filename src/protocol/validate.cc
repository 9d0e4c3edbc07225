// Model-constraint validation of decoded documents (required, enum, length, range, pattern).
#include <cmath>

#include "protocol/codec.h"
#include "protocol/pattern.h"
#include "protocol/protocol.h"

namespace rampart::protocol {

namespace json = boost::json;

namespace {

constexpr int kMaxDepth = 64;
constexpr size_t kMaxReported = 10;

class Validator {
 public:
  explicit Validator(const ServiceInfo& svc) : svc_(svc) {}

  void Structure(const ShapeDef& shape, const json::object& obj, const std::string& path,
                 int depth) {
    if (depth > kMaxDepth) return;
    for (const MemberDef& m : svc_.Members(shape)) {
      std::string mpath = Join(path, internal::LowerCamel(svc_.Str(m.name)));
      auto it = obj.find(svc_.Str(m.name));
      if (it == obj.end() || it->value().is_null()) {
        if (m.Has(member_flags::kRequired)) {
          if (!first_missing_) first_missing_ = &m;
          Add("Value null at '" + mpath +
              "' failed to satisfy constraint: Member must not be null");
        }
        continue;
      }
      Value(svc_.Target(m), it->value(), mpath, depth + 1);
    }
  }

  Status Finish() const {
    if (errors_.empty()) return Status::Ok();
    if (svc_.protocol == ProtocolKind::kEc2 && first_missing_ && count_ == 1)
      return internal::MissingParameter(svc_, svc_.WireName(*first_missing_));
    std::string msg = std::to_string(count_) + (count_ == 1 ? " validation error detected: "
                                                            : " validation errors detected: ");
    for (size_t i = 0; i < errors_.size(); ++i) {
      if (i) msg += "; ";
      msg += errors_[i];
    }
    return ValidationFailure(&svc_, std::move(msg));
  }

 private:
  static std::string Join(const std::string& path, std::string_view name) {
    return path.empty() ? std::string(name) : path + "." + std::string(name);
  }

  void Add(std::string e) {
    ++count_;
    if (errors_.size() < kMaxReported) errors_.push_back(std::move(e));
  }

  std::string Shown(const ShapeDef& shape, const json::value& v) const {
    if (shape.Has(shape_flags::kSensitive) || shape.type == ShapeType::kBlob) return "***";
    if (v.is_string())
      return std::string(v.get_string().subview(0, std::min<size_t>(v.get_string().size(), 256)));
    if (v.is_array() || v.is_object()) return "[...]";
    return json::serialize(v);
  }

  void Fail(const ShapeDef& shape, const json::value& v, const std::string& path,
            const std::string& constraint) {
    Add("Value '" + Shown(shape, v) + "' at '" + path +
        "' failed to satisfy constraint: " + constraint);
  }

  static size_t CodePoints(std::string_view s) {
    size_t n = 0;
    for (char c : s)
      if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++n;
    return n;
  }

  void Length(const ShapeDef& shape, const json::value& v, size_t len, const std::string& path) {
    if (shape.Has(shape_flags::kHasMin) && static_cast<int64_t>(len) < shape.min)
      Fail(shape, v, path,
           "Member must have length greater than or equal to " + std::to_string(shape.min));
    if (shape.Has(shape_flags::kHasMax) && static_cast<int64_t>(len) > shape.max)
      Fail(shape, v, path,
           "Member must have length less than or equal to " + std::to_string(shape.max));
  }

  void Value(const ShapeDef& shape, const json::value& v, const std::string& path, int depth) {
    if (depth > kMaxDepth || shape.Has(shape_flags::kDocument)) return;
    switch (shape.type) {
      case ShapeType::kStructure:
        if (v.is_object()) Structure(shape, v.get_object(), path, depth);
        return;
      case ShapeType::kList: {
        if (!v.is_array()) return;
        Length(shape, v, v.get_array().size(), path);
        const ShapeDef& item = svc_.Target(svc_.ListMember(shape));
        size_t i = 0;
        for (const json::value& e : v.get_array())
          Value(item, e, path + "." + std::to_string(++i) + ".member", depth + 1);
        return;
      }
      case ShapeType::kMap: {
        if (!v.is_object()) return;
        Length(shape, v, v.get_object().size(), path);
        const ShapeDef& key = svc_.Target(svc_.MapKey(shape));
        const ShapeDef& val = svc_.Target(svc_.MapValue(shape));
        for (const auto& kv : v.get_object()) {
          Value(key, json::value(kv.key()), path + ".key", depth + 1);
          Value(val, kv.value(), path + ".value", depth + 1);
        }
        return;
      }
      case ShapeType::kString: {
        if (!v.is_string()) return;
        std::string_view s = v.get_string();
        Length(shape, v, CodePoints(s), path);
        if (!svc_.IsEnumValue(shape, s)) {
          std::string set = "[";
          for (uint32_t i = shape.first; i < shape.first + shape.count; ++i) {
            if (i != shape.first) set += ", ";
            set += svc_.Str(svc_.enum_values[i]);
          }
          Fail(shape, v, path, "Member must satisfy enum value set: " + set + "]");
        }
        if (shape.pattern && !MatchesPattern(svc_.Str(shape.pattern), s))
          Fail(shape, v, path,
               "Member must satisfy regular expression pattern: " +
                   std::string(svc_.Str(shape.pattern)));
        return;
      }
      case ShapeType::kBlob: {
        if (!v.is_string()) return;
        // Decoded size (payload blobs hold raw bytes and carry no length constraints in models).
        auto bytes = wire::Base64Decode(v.get_string());
        Length(shape, v, bytes ? bytes->size() : v.get_string().size(), path);
        return;
      }
      case ShapeType::kInteger:
      case ShapeType::kLong:
      case ShapeType::kFloat:
      case ShapeType::kDouble: {
        if (!v.is_number()) return;
        double d = v.to_number<double>();
        if (shape.Has(shape_flags::kHasMin) && d < static_cast<double>(shape.min))
          Fail(shape, v, path,
               "Member must have value greater than or equal to " + std::to_string(shape.min));
        if (shape.Has(shape_flags::kHasMax) && d > static_cast<double>(shape.max))
          Fail(shape, v, path,
               "Member must have value less than or equal to " + std::to_string(shape.max));
        return;
      }
      default:
        return;
    }
  }

  const ServiceInfo& svc_;
  std::vector<std::string> errors_;
  size_t count_ = 0;
  const MemberDef* first_missing_ = nullptr;
};

}  // namespace

Status ValidateDocument(const ServiceInfo& service, const ShapeDef& shape,
                        const json::object& doc) {
  Validator v(service);
  v.Structure(shape, doc, "", 0);
  return v.Finish();
}

AwsError ValidationFailure(const ServiceInfo* service, std::string message) {
  if (!service) return AwsError::Sender("ValidationException", std::move(message));
  switch (service->protocol) {
    case ProtocolKind::kQuery:
      return AwsError::Sender("ValidationError", std::move(message));
    case ProtocolKind::kEc2:
      return AwsError::Sender("InvalidParameterValue", std::move(message));
    case ProtocolKind::kRestXml:
      return AwsError::Sender("InvalidArgument", std::move(message));
    default:
      return AwsError::Sender("ValidationException", std::move(message));
  }
}

}  // namespace rampart::protocol
