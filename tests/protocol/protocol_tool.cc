// Test helper CLI: decodes requests / encodes outputs and errors as JSON, for botocore
// cross-checks. Usage: protocol_tool decode|encode|error < request.json
#include <iostream>
#include <iterator>
#include <string>

#include "protocol/protocol.h"
#include "protocol/wire_util.h"

namespace json = boost::json;
using namespace rampart;
using namespace rampart::protocol;

namespace {

std::string Str(const json::object& o, std::string_view k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : "";
}

json::object ResponseJson(const http::Response& r) {
  json::object headers;
  for (const auto& [k, v] : r.headers.items) headers[k] = v;
  return {{"status", r.status}, {"headers", headers}, {"body_b64", wire::Base64Encode(r.body)}};
}

int Decode(const json::object& in) {
  http::Request req;
  req.method = Str(in, "method");
  req.target = Str(in, "target");
  req.body = wire::Base64Decode(Str(in, "body_b64")).value_or("");
  if (auto it = in.find("headers"); it != in.end() && it->value().is_object())
    for (const auto& kv : it->value().get_object())
      req.headers.Add(std::string(kv.key()), std::string(kv.value().as_string()));
  auto route = RouteRequest(req, Str(in, "scope"));
  json::object out;
  if (!route.ok()) {
    out["error"] = json::object{{"code", route.error().code},
                                {"message", route.error().message},
                                {"status", route.error().http_status}};
  } else {
    out["service"] = route->service->Name();
    out["operation"] = route->OperationName();
    auto doc = DecodeInput(*route, req);
    if (doc.ok()) {
      out["input"] = *doc;
    } else {
      out["error"] = json::object{{"code", doc.error().code},
                                  {"message", doc.error().message},
                                  {"status", doc.error().http_status}};
    }
  }
  std::cout << json::serialize(out) << "\n";
  return 0;
}

int Encode(const json::object& in) {
  const ServiceInfo* svc = FindServiceByName(Str(in, "service"));
  const OperationInfo* op = svc ? svc->FindOperation(Str(in, "operation")) : nullptr;
  if (!op) {
    std::cerr << "unknown service/operation\n";
    return 2;
  }
  json::object output;
  if (auto it = in.find("output"); it != in.end() && it->value().is_object())
    output = it->value().get_object();
  http::Response r = EncodeOutput(Route{svc, op}, output, Str(in, "request_id"));
  std::cout << json::serialize(ResponseJson(r)) << "\n";
  return 0;
}

int Error(const json::object& in) {
  const ServiceInfo* svc = FindServiceByName(Str(in, "service"));
  int status = 400;
  if (auto it = in.find("status"); it != in.end() && it->value().is_int64())
    status = static_cast<int>(it->value().get_int64());
  AwsError e{Str(in, "code"), Str(in, "message"), status,
             status >= 500 ? Fault::kReceiver : Fault::kSender};
  http::Request req;
  req.method = Str(in, "method").empty() ? "POST" : Str(in, "method");
  if (!Str(in, "accept").empty()) req.headers.Add("Accept", Str(in, "accept"));
  http::Response r = EncodeError(svc, ProtocolKind::kQuery, e, Str(in, "request_id"), &req);
  std::cout << json::serialize(ResponseJson(r)) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: protocol_tool decode|encode|error < input.json\n";
    return 2;
  }
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) {
    std::cerr << "bad input json\n";
    return 2;
  }
  std::string mode = argv[1];
  if (mode == "decode") return Decode(v.get_object());
  if (mode == "encode") return Encode(v.get_object());
  if (mode == "error") return Error(v.get_object());
  return 2;
}
