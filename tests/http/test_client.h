// A blocking raw-socket HTTP/1.1 test client with timeouts, for driving http::Server in tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace rampart::http::testing {

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class RawClient {
 public:
  RawClient() = default;
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool Connect(uint16_t port);
  bool Send(std::string_view bytes);
  // Reads one response (an interim 1xx one included); nullopt on timeout, close or bad framing.
  std::optional<ClientResponse> ReadResponse(
      bool head_request = false,
      std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  // True when the peer closed (EOF or reset) within `timeout` with no further data arriving
  // (or, with `allow_data`, after sending something such as a TLS alert).
  bool WaitClosed(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000),
                  bool allow_data = false);
  // True when nothing arrived and the connection stayed open for `duration`.
  bool StaysQuiet(std::chrono::milliseconds duration);
  void Close();

 private:
  // Appends received bytes to pending_; 1 = data, 0 = EOF/error, -1 = timeout.
  int Receive(std::chrono::steady_clock::time_point deadline);
  bool ReadChunked(std::string* body, std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string pending_;
};

// Sends one request on a fresh connection and reads the response.
std::optional<ClientResponse> RoundTrip(uint16_t port, std::string_view request,
                                        bool head_request = false);

}  // namespace rampart::http::testing
