// libFuzzer target: query/ec2 form bodies routed and decoded against the IAM, STS and EC2 models.
#include <cstddef>
#include <cstdint>
#include <string>

#include "protocol/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rampart;
  std::string body(reinterpret_cast<const char*>(data), size);
  for (const char* scope : {"iam", "sts", "ec2", "monitoring"}) {
    http::Request req;
    req.method = "POST";
    req.target = "/";
    req.headers.Add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    req.body = body;
    auto route = protocol::RouteRequest(req, scope);
    if (!route.ok()) continue;
    auto doc = protocol::DecodeInput(*route, req);
    if (doc.ok()) (void)protocol::EncodeOutput(*route, *doc, "req");
  }
  return 0;
}
