// One-shot request parsing through the same parser configuration the server's sessions use.
#include "http/request_parse.h"

#include <optional>

#include "http/wire.h"

namespace rampart::http {

namespace {

AwsError ToError(const wire::Rejection& r) {
  return AwsError::Sender(std::string(r.code), std::string(r.message), r.status);
}

AwsError Incomplete() { return AwsError::Sender("BadRequest", "Incomplete HTTP request.", 400); }

// Feeds `bytes` from `*offset` into `parser` until it is done (or, with `header_only`, until the
// header section is complete) or needs more input than there is; returns the parse error, if any.
template <class Parser>
boost::system::error_code Feed(Parser& parser, std::string_view bytes, size_t* offset,
                               bool header_only) {
  boost::system::error_code ec;
  while (!parser.is_done() && *offset < bytes.size()) {
    if (header_only && parser.is_header_done()) break;
    size_t n = parser.put(boost::asio::buffer(bytes.data() + *offset, bytes.size() - *offset), ec);
    *offset += n;
    if (ec == wire::bhttp::error::need_more) {
      ec = {};
      if (n == 0) break;
      continue;
    }
    if (ec || n == 0) break;
  }
  return ec;
}

}  // namespace

Result<ParsedRequest> ParseRequest(std::string_view bytes, const ParseLimits& limits) {
  wire::HeaderParser header;
  wire::ConfigureHeaderParser(header, limits.max_header_bytes);
  size_t offset = 0;
  if (auto ec = Feed(header, bytes, &offset, true)) {
    auto rejection = wire::ClassifyParseError(ec);
    return rejection ? ToError(*rejection) : Incomplete();
  }
  if (!header.is_header_done()) return Incomplete();
  if (wire::DeclaredLengthExceeds(header, limits.body_limit)) return ToError(wire::TooLarge());

  ParsedRequest out;
  out.request = wire::HeadersToRequest(header.get());
  out.version = header.get().version();
  out.keep_alive = header.get().keep_alive();
  out.expect_continue = wire::ExpectsContinue(header.get());

  std::optional<wire::BodyParser> body;
  wire::StartBody(body, std::move(header), limits.body_limit);
  body->eager(true);
  if (!body->is_done()) {
    if (auto ec = Feed(*body, bytes, &offset, false)) {
      auto rejection = wire::ClassifyParseError(ec);
      return rejection ? ToError(*rejection) : Incomplete();
    }
  }
  if (!body->is_done()) return Incomplete();
  out.request.body = std::move(body->get().body());
  out.consumed = offset;
  return out;
}

}  // namespace rampart::http
