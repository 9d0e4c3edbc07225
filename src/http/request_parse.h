// Synchronous parse of one complete request with the server's parser and limits (fuzzing, tests).
#pragma once

#include <cstddef>
#include <string_view>

#include "common/result.h"
#include "http/message.h"

namespace rampart::http {

struct ParseLimits {
  size_t max_header_bytes = 16 * 1024;
  size_t body_limit = 16 * 1024 * 1024;
};

struct ParsedRequest {
  Request request;
  unsigned version = 11;  // 10 or 11
  bool keep_alive = true;
  bool expect_continue = false;
  size_t consumed = 0;  // bytes of `bytes` that made up this request
};

// Parses the first request in `bytes`. Errors carry the status the server would answer with:
// 431 RequestHeaderSectionTooLarge, 413 RequestEntityTooLarge, 400 BadRequest (malformed or
// incomplete input).
Result<ParsedRequest> ParseRequest(std::string_view bytes, const ParseLimits& limits);

}  // namespace rampart::http
