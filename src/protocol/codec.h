// Internal interfaces between the protocol runtime's parts (not for use outside src/protocol).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "http/message.h"
#include "protocol/model.h"
#include "protocol/wire_util.h"

namespace rampart::protocol::internal {

// Errors raised while decoding, in the service's vocabulary.
AwsError SerializationError(const ServiceInfo& svc, std::string message);
AwsError MissingParameter(const ServiceInfo& svc, std::string_view wire_name);

// Converts a scalar from its text form (query string, header, XML text) to a document value.
Result<boost::json::value> ScalarFromText(const ServiceInfo& svc, const ShapeDef& shape,
                                          std::string_view text, std::string_view where);
// Renders a scalar document value as text (for XML, query strings, headers).
// `ts` is the default timestamp format of the context.
std::string ScalarToText(const ServiceInfo& svc, const ShapeDef& shape, const boost::json::value& v,
                         TimestampFormat ts);

// query / ec2 request parameters -> document.
Result<boost::json::object> DecodeQueryParams(const ServiceInfo& svc, const ShapeDef& shape,
                                              const wire::FormParams& params);
// JSON text / value -> document (type-checked against the shape).
Result<boost::json::object> DecodeJsonBody(const ServiceInfo& svc, const ShapeDef& shape,
                                           std::string_view body);
Result<boost::json::value> JsonToDocument(const ServiceInfo& svc, const ShapeDef& shape,
                                          const boost::json::value& v, std::string_view path);
// Document -> JSON value with only model members (timestamps as epoch numbers).
boost::json::value DocumentToJson(const ServiceInfo& svc, const ShapeDef& shape,
                                  const boost::json::value& v, bool body_members_only);

// XML element -> document for a structure/list/map/scalar shape.
Result<boost::json::value> XmlToDocument(const ServiceInfo& svc, const ShapeDef& shape,
                                         const pugi::xml_node& node);
Result<boost::json::object> DecodeXmlStructure(const ServiceInfo& svc, const ShapeDef& shape,
                                               const pugi::xml_node& node, bool body_members_only);

// Appends XML for the members of a structure (each member as its element(s)).
class XmlWriter;
void WriteXmlMembers(const ServiceInfo& svc, const ShapeDef& shape, const boost::json::object& doc,
                     XmlWriter& w, bool body_members_only);

// Minimal XML text builder.
class XmlWriter {
 public:
  void Open(std::string_view name, std::string_view attrs = {}) {
    out_ += '<';
    out_ += name;
    out_ += attrs;
    out_ += '>';
  }
  void Close(std::string_view name) {
    out_ += "</";
    out_ += name;
    out_ += '>';
  }
  void Text(std::string_view t) { out_ += wire::XmlEscape(t); }
  void Element(std::string_view name, std::string_view text) {
    Open(name);
    Text(text);
    Close(name);
  }
  void Raw(std::string_view s) { out_ += s; }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

// REST (rest-json / rest-xml) request decoding and response encoding.
Result<boost::json::object> DecodeRest(const ServiceInfo& svc, const OperationInfo& op,
                                       const http::Request& req);
void EncodeRest(const ServiceInfo& svc, const OperationInfo& op, const boost::json::object& out,
                http::Response& resp);

// Matches a requestUri template ("/{Bucket}/{Key+}?uploads") against a request path and query.
// Returns a specificity score (>= 0) or -1; fills `labels` with percent-decoded label values.
int MatchRequestUri(std::string_view tmpl, std::string_view raw_path,
                    const std::vector<std::pair<std::string, std::string>>& query,
                    std::vector<std::pair<std::string, std::string>>* labels);
// Query string as ordered (key, value) pairs, percent-decoded; nullopt if malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseQueryPairs(
    std::string_view raw);

// Path of an S3 request after virtual-host bucket extraction ("/bucket/key").
std::string EffectiveRestPath(const ServiceInfo& svc, const http::Request& req);

// Lower-camel member name as used in validation messages.
std::string LowerCamel(std::string_view name);

}  // namespace rampart::protocol::internal
