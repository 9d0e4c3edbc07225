// DecodeInput / EncodeOutput / EncodeError: per-protocol dispatch over the generic codecs.
#include "protocol/protocol.h"

#include "protocol/codec.h"

namespace rampart::protocol {

namespace json = boost::json;
using internal::XmlWriter;

namespace {

bool IsFormRequest(const http::Request& req) {
  std::string_view ct = req.headers.Get("content-type");
  return ct.size() >= 33 && http::IEquals(ct.substr(0, 33), "application/x-www-form-urlencoded");
}

Result<json::object> DecodeQuery(const ServiceInfo& svc, const ShapeDef& shape,
                                 const http::Request& req) {
  auto params = wire::ParseForm(req.RawQuery());
  if (!params) return internal::SerializationError(svc, "Malformed query string");
  if (IsFormRequest(req) || (req.method == "POST" && !req.headers.Has("content-type"))) {
    auto body = wire::ParseForm(req.body);
    if (!body) return internal::SerializationError(svc, "Malformed form body");
    for (auto& [k, v] : *body) (*params)[k] = std::move(v);
  }
  params->erase("Action");
  params->erase("Version");
  return internal::DecodeQueryParams(svc, shape, *params);
}

std::string JsonContentType(const ServiceInfo* svc) {
  std::string_view v = svc && svc->json_version ? svc->Str(svc->json_version) : "1.1";
  return "application/x-amz-json-" + std::string(v);
}

std::string Ec2Namespace(const ServiceInfo& svc) {
  std::string ns(svc.Str(svc.xml_namespace));
  if (!ns.empty() && ns.back() != '/') ns += '/';
  return ns;
}

std::string HostId(std::string_view request_id) {
  return wire::Base64Encode(std::string("rampart/") + std::string(request_id));
}

void AddRequestIdHeaders(const ServiceInfo* svc, ProtocolKind kind, std::string_view request_id,
                         http::Response& resp) {
  if (kind == ProtocolKind::kRestXml && (!svc || svc->SigningName() == "s3")) {
    resp.headers.Set("x-amz-request-id", std::string(request_id));
    resp.headers.Set("x-amz-id-2", HostId(request_id));
    return;
  }
  resp.headers.Set("x-amzn-RequestId", std::string(request_id));
}

void WriteExtras(XmlWriter& w, const ErrorFields& extra) {
  for (const auto& [k, v] : extra) w.Element(k, v);
}

}  // namespace

Result<json::object> DecodeInput(const Route& route, const http::Request& req) {
  if (!route.service || !route.operation) return AwsError::Internal("Invalid route");
  const ServiceInfo& svc = *route.service;
  const ShapeDef* in = svc.Input(*route.operation);
  try {
    json::object doc;
    switch (svc.protocol) {
      case ProtocolKind::kQuery:
      case ProtocolKind::kEc2:
        if (!in) return json::object();
        { RAMPART_ASSIGN_OR_RETURN(doc, DecodeQuery(svc, *in, req)); }
        break;
      case ProtocolKind::kJson:
        if (!in) return json::object();
        { RAMPART_ASSIGN_OR_RETURN(doc, internal::DecodeJsonBody(svc, *in, req.body)); }
        break;
      default: {
        RAMPART_ASSIGN_OR_RETURN(doc, internal::DecodeRest(svc, *route.operation, req));
        break;
      }
    }
    if (in) RAMPART_TRY(ValidateDocument(svc, *in, doc));
    return doc;
  } catch (const std::exception&) {
    return internal::SerializationError(svc, "The request could not be parsed");
  }
}

http::Response EncodeOutput(const Route& route, const json::object& output,
                            std::string_view request_id) {
  http::Response resp;
  const ServiceInfo& svc = *route.service;
  const OperationInfo& op = *route.operation;
  const ShapeDef* out = svc.Output(op);
  std::string_view name = svc.Str(op.name);
  AddRequestIdHeaders(&svc, svc.protocol, request_id, resp);
  switch (svc.protocol) {
    case ProtocolKind::kQuery: {
      XmlWriter w;
      std::string resp_name = std::string(name) + "Response";
      w.Open(resp_name, " xmlns=\"" + wire::XmlEscape(svc.Str(svc.xml_namespace)) + "\"");
      if (out) {
        std::string wrapper = op.result_wrapper ? std::string(svc.Str(op.result_wrapper))
                                                : std::string(name) + "Result";
        w.Open(wrapper);
        internal::WriteXmlMembers(svc, *out, output, w, false);
        w.Close(wrapper);
      }
      w.Open("ResponseMetadata");
      w.Element("RequestId", request_id);
      w.Close("ResponseMetadata");
      w.Close(resp_name);
      resp.headers.Set("Content-Type", "text/xml");
      resp.body = std::move(w.str());
      break;
    }
    case ProtocolKind::kEc2: {
      XmlWriter w;
      w.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      std::string resp_name = std::string(name) + "Response";
      w.Open(resp_name, " xmlns=\"" + wire::XmlEscape(Ec2Namespace(svc)) + "\"");
      w.Element("requestId", request_id);
      if (out) internal::WriteXmlMembers(svc, *out, output, w, false);
      w.Close(resp_name);
      resp.headers.Set("Content-Type", "text/xml;charset=UTF-8");
      resp.body = std::move(w.str());
      break;
    }
    case ProtocolKind::kJson:
      resp.headers.Set("Content-Type", JsonContentType(&svc));
      resp.body =
          out ? json::serialize(internal::DocumentToJson(svc, *out, json::value(output), false))
              : "{}";
      break;
    default:
      internal::EncodeRest(svc, op, output, resp);
      break;
  }
  return resp;
}

http::Response EncodeError(const ServiceInfo* service, ProtocolKind fallback, const AwsError& error,
                           std::string_view request_id, const http::Request* req,
                           const ErrorFields& extra) {
  http::Response resp;
  resp.status = error.http_status;
  ProtocolKind kind = service ? service->protocol : fallback;
  AddRequestIdHeaders(service, kind, request_id, resp);
  const bool sender = error.fault == Fault::kSender && error.http_status < 500;
  switch (kind) {
    case ProtocolKind::kQuery: {
      if (req && service && service->Name() == "sts" &&
          req->headers.Get("accept").find("application/json") != std::string_view::npos) {
        json::object body{{"Error", json::object{{"Code", error.code},
                                                 {"Message", error.message},
                                                 {"Type", sender ? "Sender" : "Receiver"}}},
                          {"RequestId", request_id}};
        resp.headers.Set("Content-Type", "application/json");
        resp.body = json::serialize(body);
        break;
      }
      XmlWriter w;
      std::string ns = service ? std::string(service->Str(service->xml_namespace)) : std::string();
      w.Open("ErrorResponse",
             ns.empty() ? std::string() : " xmlns=\"" + wire::XmlEscape(ns) + "\"");
      w.Open("Error");
      w.Element("Type", sender ? "Sender" : "Receiver");
      w.Element("Code", error.code);
      w.Element("Message", error.message);
      WriteExtras(w, extra);
      w.Close("Error");
      w.Element("RequestId", request_id);
      w.Close("ErrorResponse");
      resp.headers.Set("Content-Type", "text/xml");
      resp.body = std::move(w.str());
      break;
    }
    case ProtocolKind::kEc2: {
      XmlWriter w;
      w.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      w.Raw("<Response><Errors><Error>");
      w.Element("Code", error.code);
      w.Element("Message", error.message);
      WriteExtras(w, extra);
      w.Raw("</Error></Errors>");
      w.Element("RequestID", request_id);
      w.Raw("</Response>");
      resp.headers.Set("Content-Type", "text/xml;charset=UTF-8");
      resp.body = std::move(w.str());
      break;
    }
    case ProtocolKind::kJson:
    case ProtocolKind::kRestJson: {
      json::object body{{"__type", error.code}, {"message", error.message}};
      for (const auto& [k, v] : extra) body[k] = v;
      resp.headers.Set("x-amzn-ErrorType", error.code);
      resp.headers.Set("Content-Type", kind == ProtocolKind::kJson
                                           ? JsonContentType(service)
                                           : std::string("application/json"));
      resp.body = json::serialize(body);
      break;
    }
    case ProtocolKind::kRestXml: {
      if (req && req->method == "HEAD") break;
      const bool control = service && service->Name() == "s3control";
      XmlWriter w;
      w.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      if (control) w.Open("ErrorResponse");
      w.Open("Error");
      w.Element("Code", error.code);
      w.Element("Message", error.message);
      WriteExtras(w, extra);
      if (control) w.Close("Error");
      w.Element("RequestId", request_id);
      w.Element("HostId", HostId(request_id));
      w.Close(control ? "ErrorResponse" : "Error");
      resp.headers.Set("Content-Type", "application/xml");
      resp.body = std::move(w.str());
      break;
    }
  }
  return resp;
}

}  // namespace rampart::protocol
