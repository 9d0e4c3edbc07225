// Public API of the model-driven AWS wire protocols: routing, input decoding, output/error
// encoding.
//
// Document convention (inputs decoded by DecodeInput, outputs given to EncodeOutput):
//   a boost::json::object shaped like the model structure, member names exactly as in the model;
//   structure -> object; list -> array; map -> object; string/enum -> string;
//   integer/long -> int64; float/double -> double; boolean -> bool;
//   timestamp -> epoch seconds as a JSON number (double; integers accepted);
//   blob -> base64 string (standard alphabet);
//   EXCEPT a rest-protocol payload member whose target is a blob or string (e.g. S3 PutObject
//   `Body`, PutBucketPolicy `Policy`): it carries the raw body bytes as a string, not base64.
//   Absent members are absent (never null).
#pragma once

#include <boost/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/aws_error.h"
#include "common/result.h"
#include "http/message.h"
#include "protocol/model.h"

namespace rampart::protocol {

// Service lookups over the generated tables (nullptr when unknown).
const ServiceInfo* FindServiceBySigningName(std::string_view name);     // "iam", "monitoring", "s3"
const ServiceInfo* FindServiceByName(std::string_view model_name);      // "cloudwatch", "s3control"
const ServiceInfo* FindServiceByTargetPrefix(std::string_view prefix);  // "TrentService"

struct Route {
  const ServiceInfo* service = nullptr;
  const OperationInfo* operation = nullptr;

  std::string_view OperationName() const { return service->Str(operation->name); }
};

// Finds service and operation. `scope_service` is the SigV4 credential-scope service ("iam",
// "sts", "ec2", "s3", ...). Errors come in the service's protocol vocabulary (InvalidAction,
// UnknownOperationException, MethodNotAllowed, ...); encode them with ServiceForError().
Result<Route> RouteRequest(const http::Request& req, std::string_view scope_service);

// The service whose protocol should render an error for `req` (may be nullptr), and the protocol
// to use when it is nullptr.
const ServiceInfo* ServiceForError(const http::Request& req, std::string_view scope_service);
ProtocolKind GuessProtocol(const http::Request& req);

// Decodes the request into the input document and validates it against the model.
Result<boost::json::object> DecodeInput(const Route& route, const http::Request& req);

// Validates a document against a shape (required, enum, length, range, pattern). Exposed for
// handlers that build inputs themselves.
Status ValidateDocument(const ServiceInfo& service, const ShapeDef& shape,
                        const boost::json::object& doc);

// Serializes a handler's output document for the route's protocol.
http::Response EncodeOutput(const Route& route, const boost::json::object& output,
                            std::string_view request_id);

// Extra elements of an error body (S3 SignatureDoesNotMatch carries StringToSign etc.).
using ErrorFields = std::vector<std::pair<std::string, std::string>>;

// Serializes an error. `service` may be nullptr (then `fallback` picks the envelope); `req` may be
// nullptr (it is used for STS `Accept: application/json` and to omit bodies for HEAD).
http::Response EncodeError(const ServiceInfo* service, ProtocolKind fallback, const AwsError& error,
                           std::string_view request_id, const http::Request* req,
                           const ErrorFields& extra = {});

// The protocol's error for a model-constraint violation (ValidationError, ValidationException,
// InvalidParameterValue, InvalidArgument, ...).
AwsError ValidationFailure(const ServiceInfo* service, std::string message);

}  // namespace rampart::protocol
