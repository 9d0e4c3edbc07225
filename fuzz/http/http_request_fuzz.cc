// libFuzzer target: raw bytes through the server's request parser (ParseRequest), pipelined.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/request_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  rampart::http::ParseLimits limits;
  limits.max_header_bytes = 4096;
  limits.body_limit = 64 * 1024;
  // Parse back-to-back requests the way a keep-alive connection would, until an error.
  for (int i = 0; i < 16 && !rest.empty(); ++i) {
    auto parsed = rampart::http::ParseRequest(rest, limits);
    if (!parsed.ok()) {
      int s = parsed.error().http_status;
      if (s != 400 && s != 413 && s != 431) __builtin_trap();
      break;
    }
    if (parsed->consumed == 0 || parsed->consumed > rest.size()) __builtin_trap();
    if (parsed->request.body.size() > limits.body_limit) __builtin_trap();
    rest.remove_prefix(parsed->consumed);
  }
  return 0;
}
