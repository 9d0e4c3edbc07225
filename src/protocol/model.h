// Compact, constant-initialized tables describing AWS service models (written by tools/codegen).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace rampart::protocol {

enum class ProtocolKind : uint8_t { kQuery, kEc2, kJson, kRestJson, kRestXml };

enum class ShapeType : uint8_t {
  kStructure,
  kList,
  kMap,
  kString,
  kInteger,
  kLong,
  kFloat,
  kDouble,
  kBoolean,
  kTimestamp,
  kBlob
};

// Where a member travels in a REST request/response (kBody for RPC protocols).
enum class Location : uint8_t { kBody, kUri, kQueryString, kHeader, kHeaders, kStatusCode };

enum class TimestampFormat : uint8_t { kDefault, kIso8601, kUnixTimestamp, kRfc822 };

// ShapeDef::flags bits.
namespace shape_flags {
inline constexpr uint16_t kHasMin = 1 << 0;
inline constexpr uint16_t kHasMax = 1 << 1;
inline constexpr uint16_t kFlattened = 1 << 2;
inline constexpr uint16_t kStreaming = 1 << 3;
inline constexpr uint16_t kException = 1 << 4;
inline constexpr uint16_t kSensitive = 1 << 5;
inline constexpr uint16_t kUnion = 1 << 6;
inline constexpr uint16_t kEventStream = 1 << 7;
inline constexpr uint16_t kDocument = 1 << 8;
inline constexpr uint16_t kSenderFault = 1 << 9;
}  // namespace shape_flags

// MemberDef::flags bits.
namespace member_flags {
inline constexpr uint8_t kRequired = 1 << 0;
inline constexpr uint8_t kFlattened = 1 << 1;
inline constexpr uint8_t kXmlAttribute = 1 << 2;
inline constexpr uint8_t kIdempotencyToken = 1 << 3;
inline constexpr uint8_t kHostLabel = 1 << 4;
inline constexpr uint8_t kJsonValue = 1 << 5;
inline constexpr uint8_t kStreaming = 1 << 6;
inline constexpr uint8_t kEventPayload = 1 << 7;
}  // namespace member_flags

// String fields are offsets into ServiceInfo::strings (0 = absent / empty).
struct ShapeDef {
  uint32_t name;
  uint32_t pattern;
  uint32_t xml_name;    // shape-level locationName (XML root element name)
  uint32_t xml_ns;      // shape-level xmlNamespace uri
  uint32_t error_code;  // error.code override; the shape name otherwise
  uint32_t payload;     // name of the payload member (structures)
  // structure: first member; list: the member def; map: key def (value def follows);
  // enum string: first index into enum_values.
  uint32_t first;
  int64_t min;
  int64_t max;
  uint16_t count;  // structure members / enum values
  uint16_t flags;
  uint16_t error_status;  // error.httpStatusCode, 0 if none
  ShapeType type;
  TimestampFormat timestamp_format;

  bool Has(uint16_t f) const { return (flags & f) != 0; }
};

struct MemberDef {
  uint32_t name;
  uint32_t location_name;
  uint32_t query_name;
  uint32_t xml_ns;
  uint32_t xml_ns_prefix;
  uint16_t shape;
  uint8_t flags;
  Location location;

  bool Has(uint8_t f) const { return (flags & f) != 0; }
};

struct OperationDef {
  uint32_t name;
  uint32_t method;
  uint32_t request_uri;
  uint32_t result_wrapper;
  uint32_t input_xml_name;  // input locationName (rest-xml root element)
  uint32_t input_xml_ns;
  uint32_t errors_first;
  int32_t input;   // shape index or -1
  int32_t output;  // shape index or -1
  uint16_t errors_count;
  uint16_t response_code;  // 0 = default 200
};
using OperationInfo = OperationDef;

struct ServiceInfo {
  const char* strings;
  std::span<const ShapeDef> shapes;
  std::span<const MemberDef> members;
  std::span<const OperationDef> operations;  // sorted by name
  std::span<const uint32_t> enum_values;
  std::span<const uint16_t> error_shapes;
  ProtocolKind protocol;
  uint32_t model_name;  // botocore directory name, e.g. "cloudwatch"
  uint32_t signing_name;
  uint32_t endpoint_prefix;
  uint32_t api_version;
  uint32_t xml_namespace;
  uint32_t target_prefix;
  uint32_t service_id;
  uint32_t json_version;

  std::string_view Str(uint32_t off) const { return std::string_view(strings + off); }
  std::string_view Name() const { return Str(model_name); }
  std::string_view SigningName() const { return Str(signing_name); }
  std::string_view ApiVersion() const { return Str(api_version); }
  const ShapeDef& Shape(uint32_t i) const { return shapes[i]; }
  const ShapeDef& Target(const MemberDef& m) const { return shapes[m.shape]; }
  std::span<const MemberDef> Members(const ShapeDef& s) const {
    return s.type == ShapeType::kStructure ? members.subspan(s.first, s.count)
                                           : std::span<const MemberDef>();
  }
  const MemberDef& ListMember(const ShapeDef& s) const { return members[s.first]; }
  const MemberDef& MapKey(const ShapeDef& s) const { return members[s.first]; }
  const MemberDef& MapValue(const ShapeDef& s) const { return members[s.first + 1]; }
  // Operation by exact name, or nullptr.
  const OperationInfo* FindOperation(std::string_view name) const;
  // Member of a structure by name, or nullptr.
  const MemberDef* FindMember(const ShapeDef& s, std::string_view name) const;
  bool IsEnumValue(const ShapeDef& s, std::string_view v) const;
  // Wire name of a member in XML / query bodies: locationName or the member name.
  std::string_view WireName(const MemberDef& m) const {
    return m.location_name ? Str(m.location_name) : Str(m.name);
  }
  // The error code a shape carries on the wire.
  std::string_view ErrorCode(const ShapeDef& s) const {
    return s.error_code ? Str(s.error_code) : Str(s.name);
  }
  const ShapeDef* Input(const OperationInfo& op) const {
    return op.input < 0 ? nullptr : &shapes[static_cast<uint32_t>(op.input)];
  }
  const ShapeDef* Output(const OperationInfo& op) const {
    return op.output < 0 ? nullptr : &shapes[static_cast<uint32_t>(op.output)];
  }
};

// All generated services (registry written by the generator).
std::span<const ServiceInfo* const> AllServices();

}  // namespace rampart::protocol
