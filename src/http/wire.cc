// Conversions between Beast's HTTP messages and http::Request/Response, and parse-error mapping.
#include "http/wire.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>

namespace rampart::http::wire {

namespace {

bool HasCrLf(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// Framing and hop-by-hop headers the server computes itself.
bool IsServerOwned(std::string_view name) {
  return IEquals(name, "content-length") || IEquals(name, "transfer-encoding") ||
         IEquals(name, "connection") || IEquals(name, "keep-alive") || IEquals(name, "upgrade");
}

bool IsDigits(std::string_view s) {
  if (s.empty() || s.size() > 19) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool StatusHasNoBody(int status) { return status / 100 == 1 || status == 204 || status == 304; }

}  // namespace

Rejection TooLarge() { return {413, "RequestEntityTooLarge", "Request body is too large."}; }
Rejection HeaderTooLarge() {
  return {431, "RequestHeaderSectionTooLarge", "Request header section is too large."};
}
Rejection Timeout() { return {408, "RequestTimeout", "Request was not received in time."}; }
Rejection Malformed() { return {400, "BadRequest", "Malformed HTTP request."}; }
Rejection Overloaded() { return {503, "ServiceUnavailable", "Too many connections."}; }
Rejection NoResponse() { return {500, "InternalFailure", "The handler produced no response."}; }

void ConfigureHeaderParser(HeaderParser& parser, size_t max_header_bytes) {
  parser.header_limit(static_cast<std::uint32_t>(
      std::min<size_t>(max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  // The real limit is only known after BodyLimitFn ran; DeclaredLengthExceeds checks it then.
  parser.body_limit(boost::none);
}

void StartBody(std::optional<BodyParser>& body, HeaderParser&& header, size_t body_limit) {
  body.emplace(std::move(header));
  body->body_limit(body_limit);
}

Request HeadersToRequest(const RequestHeader& header) {
  Request r;
  r.method = std::string(header.method_string());
  r.target = std::string(header.target());
  for (const auto& field : header)
    r.headers.Add(std::string(field.name_string()), std::string(field.value()));
  return r;
}

bool ExpectsContinue(const RequestHeader& header) {
  if (header.version() < 11) return false;
  auto it = header.find(bhttp::field::expect);
  return it != header.end() && IEquals(it->value(), "100-continue");
}

bool DeclaredLengthExceeds(const HeaderParser& parser, size_t limit) {
  auto length = parser.content_length();
  return length.has_value() && *length > limit;
}

std::optional<Rejection> ClassifyParseError(const boost::system::error_code& ec) {
  static const auto& category = make_error_code(bhttp::error::bad_method).category();
  if (ec.category() != category) return std::nullopt;
  switch (static_cast<bhttp::error>(ec.value())) {
    case bhttp::error::end_of_stream:
    case bhttp::error::partial_message:
    case bhttp::error::need_more:
      return std::nullopt;
    case bhttp::error::header_limit:
    case bhttp::error::buffer_overflow:
      return HeaderTooLarge();
    case bhttp::error::body_limit:
      return TooLarge();
    default:
      return Malformed();
  }
}

std::string HttpDate(std::chrono::system_clock::time_point t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7],
                tm.tm_mday, kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

bool WantsClose(const Response& response) {
  const std::string* c = response.headers.Find("connection");
  return c != nullptr && IEquals(*c, "close");
}

namespace {

int ValidStatus(int status) { return (status >= 100 && status <= 999) ? status : 500; }

// Status, version, the handler's safe headers, and Date/Server defaults.
template <class Message>
void FillHead(Message& res, const Response& response, unsigned version) {
  res.version(version);
  res.result(static_cast<unsigned>(ValidStatus(response.status)));
  for (const auto& [name, value] : response.headers.items) {
    if (name.empty() || IsServerOwned(name) || HasCrLf(name) || HasCrLf(value)) continue;
    res.insert(name, value);
  }
  if (res.find(bhttp::field::date) == res.end())
    res.set(bhttp::field::date, HttpDate(std::chrono::system_clock::now()));
  if (res.find(bhttp::field::server) == res.end()) res.set(bhttp::field::server, "Rampart");
}

}  // namespace

StreamResponse ToStreamResponse(Response& response, bool head_request, unsigned version,
                                bool* keep_alive, std::optional<uint64_t>* declared_length) {
  StreamResponse res;
  FillHead(res, response, version);
  declared_length->reset();
  const std::string* declared = response.headers.Find("content-length");
  if (StatusHasNoBody(ValidStatus(response.status))) {
    *declared_length = 0;
  } else if (declared != nullptr && IsDigits(*declared)) {
    *declared_length = std::strtoull(declared->c_str(), nullptr, 10);
    res.content_length(**declared_length);
  } else if (version >= 11) {
    res.chunked(true);
  } else if (!head_request) {
    *keep_alive = false;
  }
  res.set(bhttp::field::connection, *keep_alive ? "keep-alive" : "close");
  return res;
}

BeastResponse ToBeastResponse(Response&& response, bool head_request, unsigned version,
                              bool keep_alive) {
  int status = ValidStatus(response.status);
  BeastResponse res;
  FillHead(res, response, version);
  if (!StatusHasNoBody(status)) {
    const std::string* declared = response.headers.Find("content-length");
    if (head_request && declared != nullptr && IsDigits(*declared))
      res.set(bhttp::field::content_length, *declared);
    else
      res.content_length(response.body.size());
    if (!head_request) res.body() = std::move(response.body);
  }
  res.set(bhttp::field::connection, keep_alive ? "keep-alive" : "close");
  return res;
}

}  // namespace rampart::http::wire
