// Scalar conversions between text (query strings, headers, XML) and document values.
#include <cmath>

#include "protocol/codec.h"
#include "protocol/protocol.h"

namespace rampart::protocol::internal {

namespace json = boost::json;

std::string LowerCamel(std::string_view name) {
  std::string s(name);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] + 32);
  return s;
}

AwsError SerializationError(const ServiceInfo& svc, std::string message) {
  switch (svc.protocol) {
    case ProtocolKind::kJson:
    case ProtocolKind::kRestJson:
      return AwsError::Sender("SerializationException", std::move(message));
    case ProtocolKind::kRestXml:
      return AwsError::Sender("InvalidArgument", std::move(message));
    default:
      return ValidationFailure(&svc, std::move(message));
  }
}

AwsError MissingParameter(const ServiceInfo& svc, std::string_view wire_name) {
  if (svc.protocol == ProtocolKind::kEc2)
    return AwsError::Sender("MissingParameter",
                            "The request must contain the parameter " + std::string(wire_name));
  return ValidationFailure(&svc, "1 validation error detected: Value null at '" +
                                     LowerCamel(wire_name) +
                                     "' failed to satisfy constraint: Member must not be null");
}

Result<json::value> ScalarFromText(const ServiceInfo& svc, const ShapeDef& shape,
                                   std::string_view text, std::string_view where) {
  auto bad = [&](std::string_view what) {
    return SerializationError(
        svc, "Value '" +
                 std::string(shape.Has(shape_flags::kSensitive) ? "***" : text.substr(0, 256)) +
                 "' at '" + std::string(where) + "' is not a valid " + std::string(what));
  };
  switch (shape.type) {
    case ShapeType::kString:
      return json::value(json::string(text));
    case ShapeType::kBlob: {
      if (!wire::Base64Decode(wire::Trim(text))) return bad("base64 value");
      return json::value(json::string(wire::Trim(text)));
    }
    case ShapeType::kInteger:
    case ShapeType::kLong: {
      auto v = wire::ParseInt(text);
      if (!v) return bad("integer");
      if (shape.type == ShapeType::kInteger && (*v > INT32_MAX || *v < INT32_MIN))
        return bad("integer");
      return json::value(*v);
    }
    case ShapeType::kFloat:
    case ShapeType::kDouble: {
      auto v = wire::ParseDouble(text);
      if (!v) return bad("number");
      return json::value(*v);
    }
    case ShapeType::kBoolean: {
      auto v = wire::ParseBool(text);
      if (!v) return bad("boolean");
      return json::value(*v);
    }
    case ShapeType::kTimestamp: {
      auto v = wire::ParseTimestamp(text);
      if (!v) return bad("timestamp");
      return json::value(*v);
    }
    default:
      return bad("scalar");
  }
}

namespace {

double AsDouble(const json::value& v) {
  if (v.is_double()) return v.get_double();
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_string()) return wire::ParseTimestamp(v.get_string()).value_or(0);
  return 0;
}

}  // namespace

std::string ScalarToText(const ServiceInfo& svc, const ShapeDef& shape, const json::value& v,
                         TimestampFormat ts) {
  switch (shape.type) {
    case ShapeType::kString:
    case ShapeType::kBlob:
      if (v.is_string()) return std::string(v.get_string());
      break;
    case ShapeType::kBoolean:
      if (v.is_bool()) return v.get_bool() ? "true" : "false";
      break;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (v.is_int64()) return std::to_string(v.get_int64());
      if (v.is_uint64()) return std::to_string(v.get_uint64());
      if (v.is_double()) return std::to_string(static_cast<long long>(v.get_double()));
      break;
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      return wire::FormatDouble(AsDouble(v));
    case ShapeType::kTimestamp: {
      TimestampFormat f =
          shape.timestamp_format != TimestampFormat::kDefault ? shape.timestamp_format : ts;
      double e = AsDouble(v);
      if (f == TimestampFormat::kRfc822) return wire::FormatRfc822(e);
      if (f == TimestampFormat::kUnixTimestamp) return wire::FormatEpoch(e);
      return wire::FormatIso8601(e);
    }
    default:
      break;
  }
  if (v.is_string()) return std::string(v.get_string());
  return json::serialize(v);
}

}  // namespace rampart::protocol::internal
