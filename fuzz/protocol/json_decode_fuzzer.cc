// libFuzzer target: JSON bodies decoded against KMS/EventBridge operations; first line = target.
#include <cstddef>
#include <cstdint>
#include <string>

#include "protocol/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rampart;
  std::string input(reinterpret_cast<const char*>(data), size);
  auto nl = input.find('\n');
  http::Request req;
  req.method = "POST";
  req.target = "/";
  req.headers.Add("X-Amz-Target", nl == std::string::npos ? std::string("TrentService.Encrypt")
                                                          : input.substr(0, nl));
  req.body = nl == std::string::npos ? input : input.substr(nl + 1);
  auto route = protocol::RouteRequest(req, "kms");
  if (!route.ok()) return 0;
  auto doc = protocol::DecodeInput(*route, req);
  if (doc.ok()) (void)protocol::EncodeOutput(*route, *doc, "req");
  return 0;
}
