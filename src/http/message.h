// Transport-neutral HTTP request/response values passed between the server and the pipeline.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace rampart::http {

// Header names compared case-insensitively; order and duplicates preserved.
struct Headers {
  std::vector<std::pair<std::string, std::string>> items;

  // First value of `name` (case-insensitive) or nullptr.
  const std::string* Find(std::string_view name) const;
  std::string_view Get(std::string_view name) const {
    const std::string* v = Find(name);
    return v ? std::string_view(*v) : std::string_view();
  }
  bool Has(std::string_view name) const { return Find(name) != nullptr; }
  void Add(std::string name, std::string value) {
    items.emplace_back(std::move(name), std::move(value));
  }
  // Replaces every value of `name` with one value.
  void Set(std::string_view name, std::string value);
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw request-target: path plus optional "?query", still percent-encoded
  Headers headers;
  std::string body;
  std::string remote_ip;  // textual address of the peer
  uint16_t remote_port = 0;
  bool tls = false;  // arrived on the TLS listener

  std::string_view Path() const {
    auto q = target.find('?');
    return q == std::string::npos ? std::string_view(target)
                                  : std::string_view(target).substr(0, q);
  }
  std::string_view RawQuery() const {
    auto q = target.find('?');
    return q == std::string::npos ? std::string_view() : std::string_view(target).substr(q + 1);
  }
};

// Pulls the next piece of a streamed response body; an empty string ends the body.
using BodyProducer = std::function<Result<std::string>()>;

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // Optional streaming body for payloads too large to hold (e.g. S3 GetObject). When set, `body`
  // is ignored and the server calls it on the connection's thread, writing each piece as it
  // comes. With a Content-Length header the pieces must add up to it (else the connection is
  // closed); without one the body is sent chunked (HTTP/1.1) or close-delimited (HTTP/1.0).
  BodyProducer body_producer;
};

// Case-insensitive ASCII equality.
bool IEquals(std::string_view a, std::string_view b);

}  // namespace rampart::http
