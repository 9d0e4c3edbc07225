// libFuzzer target: S3 rest-xml requests (first line "METHOD /path?query", rest = XML body).
#include <cstddef>
#include <cstdint>
#include <string>

#include "protocol/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rampart;
  std::string input(reinterpret_cast<const char*>(data), size);
  auto nl = input.find('\n');
  std::string line = nl == std::string::npos ? input : input.substr(0, nl);
  auto sp = line.find(' ');
  http::Request req;
  req.method = sp == std::string::npos ? "PUT" : line.substr(0, sp);
  req.target = sp == std::string::npos ? "/bucket?acl" : line.substr(sp + 1);
  if (req.target.empty() || req.target[0] != '/') req.target = "/" + req.target;
  req.headers.Add("Host", "s3.localhost");
  req.body = nl == std::string::npos ? std::string() : input.substr(nl + 1);
  auto route = protocol::RouteRequest(req, "s3");
  if (!route.ok()) return 0;
  auto doc = protocol::DecodeInput(*route, req);
  if (doc.ok()) (void)protocol::EncodeOutput(*route, *doc, "req");
  return 0;
}
