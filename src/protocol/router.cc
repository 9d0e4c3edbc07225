// Request routing: which service and operation a request targets (X-Amz-Target, Action=, REST).
#include "protocol/codec.h"
#include "protocol/protocol.h"

namespace rampart::protocol {

namespace {

using internal::MatchRequestUri;
using internal::ParseQueryPairs;

bool IsForm(const http::Request& req) {
  std::string_view ct = req.headers.Get("content-type");
  return ct.size() >= 33 && http::IEquals(ct.substr(0, 33), "application/x-www-form-urlencoded");
}

// Action and Version of a query/ec2 request ("" when absent).
std::pair<std::string, std::string> ActionAndVersion(const http::Request& req) {
  std::string action, version;
  for (std::string_view src :
       {req.RawQuery(), IsForm(req) ? std::string_view(req.body) : std::string_view()}) {
    auto params = wire::ParseForm(src);
    if (!params) continue;
    if (auto it = params->find("Action"); it != params->end()) action = it->second;
    if (auto it = params->find("Version"); it != params->end()) version = it->second;
  }
  return {action, version};
}

const ServiceInfo* ServiceFromScope(const http::Request& req, std::string_view scope) {
  const ServiceInfo* svc = FindServiceBySigningName(scope);
  if (svc && svc->Name() == "s3" && req.Path().starts_with("/v20180820/"))
    return FindServiceByName("s3control");
  return svc;
}

// The query/ec2 service whose API version a request names; versions are unique per service.
const ServiceInfo* ServiceFromVersion(std::string_view version) {
  if (version.empty()) return nullptr;
  for (const ServiceInfo* s : AllServices()) {
    bool rpc = s->protocol == ProtocolKind::kQuery || s->protocol == ProtocolKind::kEc2;
    if (rpc && s->ApiVersion() == version) return s;
  }
  return nullptr;
}

Result<Route> RouteJson(std::string_view target) {
  auto dot = target.rfind('.');
  std::string_view prefix =
      dot == std::string_view::npos ? std::string_view() : target.substr(0, dot);
  std::string_view name = dot == std::string_view::npos ? target : target.substr(dot + 1);
  const ServiceInfo* svc = FindServiceByTargetPrefix(prefix);
  const OperationInfo* op = svc ? svc->FindOperation(name) : nullptr;
  if (!op)
    return AwsError::Sender("UnknownOperationException",
                            "Unknown operation " + std::string(target.substr(0, 256)));
  return Route{svc, op};
}

Result<Route> RouteQuery(const ServiceInfo* svc, const std::string& action,
                         const std::string& version) {
  if (action.empty()) return AwsError::Sender("MissingAction", "Missing Action");
  const OperationInfo* op = svc ? svc->FindOperation(action) : nullptr;
  if (op) return Route{svc, op};
  std::string shown = action.substr(0, 128);
  if (svc && svc->protocol == ProtocolKind::kEc2)
    return AwsError::Sender("InvalidAction",
                            "The action " + shown + " is not valid for this web service.");
  return AwsError::Sender(
      "InvalidAction",
      "Could not find operation " + shown + " for version " +
          (version.empty() ? std::string("NO_VERSION_SPECIFIED") : version.substr(0, 32)));
}

// Operations sharing a URI (PutObject / CopyObject) differ by required headers.
bool RequiredHeadersPresent(const ServiceInfo& svc, const OperationInfo& op,
                            const http::Request& req) {
  const ShapeDef* in = svc.Input(op);
  if (!in) return true;
  for (const MemberDef& m : svc.Members(*in))
    if (m.location == Location::kHeader && m.Has(member_flags::kRequired) &&
        !req.headers.Has(svc.WireName(m)))
      return false;
  return true;
}

Result<Route> RouteRest(const ServiceInfo* svc, const http::Request& req) {
  auto query = ParseQueryPairs(req.RawQuery());
  if (!query) return AwsError::Sender("InvalidArgument", "Malformed query string");
  std::string path = internal::EffectiveRestPath(*svc, req);
  const OperationInfo* best = nullptr;
  int best_score = -1;
  bool other_method = false;
  std::vector<std::pair<std::string, std::string>> labels;
  for (const OperationInfo& op : svc->operations) {
    int score = MatchRequestUri(svc->Str(op.request_uri), path, *query, &labels);
    if (score < 0) continue;
    if (!RequiredHeadersPresent(*svc, op, req)) continue;
    if (svc->Str(op.method) != req.method) {
      other_method = true;
      continue;
    }
    if (score > best_score) {
      best_score = score;
      best = &op;
    }
  }
  if (best) return Route{svc, best};
  if (other_method)
    return AwsError::Sender("MethodNotAllowed",
                            "The specified method is not allowed against this resource.", 405);
  return AwsError{"NotImplemented",
                  "A header you provided implies functionality that is not implemented", 501,
                  Fault::kReceiver};
}

}  // namespace

ProtocolKind GuessProtocol(const http::Request& req) {
  if (req.headers.Has("x-amz-target")) return ProtocolKind::kJson;
  if (IsForm(req) || !ActionAndVersion(req).first.empty()) return ProtocolKind::kQuery;
  return ProtocolKind::kRestXml;
}

const ServiceInfo* ServiceForError(const http::Request& req, std::string_view scope_service) {
  if (const std::string* target = req.headers.Find("x-amz-target")) {
    auto dot = target->rfind('.');
    if (dot != std::string::npos) {
      if (const ServiceInfo* s =
              FindServiceByTargetPrefix(std::string_view(*target).substr(0, dot)))
        return s;
    }
  }
  return ServiceFromScope(req, scope_service);
}

Result<Route> RouteRequest(const http::Request& req, std::string_view scope_service) {
  if (const std::string* target = req.headers.Find("x-amz-target")) return RouteJson(*target);
  const ServiceInfo* svc = ServiceFromScope(req, scope_service);
  if (!svc || svc->protocol == ProtocolKind::kQuery || svc->protocol == ProtocolKind::kEc2) {
    auto [action, version] = ActionAndVersion(req);
    // Query requests name their API by Version, so they route the same whether or not they
    // are signed, and a wrong service in the credential scope is left to the authenticator.
    if (const ServiceInfo* by_version = ServiceFromVersion(version))
      return RouteQuery(by_version, action, version);
    if (svc || IsForm(req) || !action.empty()) return RouteQuery(svc, action, version);
    return AwsError::Sender("UnknownService",
                            "Unknown service " + std::string(scope_service.substr(0, 64)));
  }
  switch (svc->protocol) {
    case ProtocolKind::kJson:
      return AwsError::Sender("UnknownOperationException", "Missing X-Amz-Target header");
    default:
      return RouteRest(svc, req);
  }
}

}  // namespace rampart::protocol
