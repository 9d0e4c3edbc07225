// HTTP/1.1 server: listener, keep-alive sessions, limits, timeouts, TLS and graceful drain.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "http/message.h"

namespace rampart::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 4566;  // 0 = ephemeral; see Server::port()
  size_t threads = 0;    // 0 = one io_context per core (hardware_concurrency)
  size_t max_header_bytes = 16 * 1024;
  size_t default_body_limit = 16 * 1024 * 1024;  // used when BodyLimitFn is empty or returns 0
  size_t max_connections = 10000;
  std::chrono::milliseconds header_timeout{10000};  // first byte .. end of the header section
  std::chrono::milliseconds body_timeout{60000};    // end of header .. end of the body
  std::chrono::milliseconds idle_timeout{60000};    // between requests on a keep-alive connection
  std::chrono::milliseconds write_timeout{60000};   // writing one response
  std::string tls_cert_file, tls_key_file;          // both set = the listener speaks TLS 1.2+
};

// Called once per request after the header section was read, before the body; returns the
// body limit in bytes, 0 meaning ServerOptions::default_body_limit.
using BodyLimitFn = std::function<size_t(const Request& headers_only)>;

// Formats a transport-level rejection in the protocol the request speaks. `partial` holds the
// request's headers (no body) when they were read, else nullptr. Codes: "RequestEntityTooLarge"
// (413), "RequestHeaderSectionTooLarge" (431), "RequestTimeout" (408), "BadRequest" (400),
// "ServiceUnavailable" (503), "InternalFailure" (500, a handler that never responded).
using RejectFn = std::function<Response(const Request* partial, int status, std::string_view code,
                                        std::string_view message)>;

// Handles one request; must call `respond` exactly once, from any thread. Dropping `respond`
// without calling it makes the server answer 500 through the RejectFn.
using Handler = std::function<void(Request request, std::function<void(Response)> respond)>;

// The rejection used when no RejectFn is supplied: a text/plain body "<code>: <message>".
Response DefaultReject(const Request* partial, int status, std::string_view code,
                       std::string_view message);

class Server {
 public:
  // Binds, listens and starts the worker threads. Errors: cannot bind/listen, bad TLS files.
  static Result<std::unique_ptr<Server>> Start(ServerOptions options, Handler handler,
                                               BodyLimitFn body_limit = nullptr,
                                               RejectFn reject = nullptr);
  ~Server();  // Stop(0ms) if not stopped yet
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (useful with ServerOptions::port == 0).
  uint16_t port() const;
  bool tls() const;

  // Stops accepting, closes idle connections, lets in-flight requests finish and their
  // responses be written (with Connection: close) until `drain_deadline`, then closes whatever
  // is left and joins the threads. Idempotent. Must not be called from a handler thread.
  void Stop(std::chrono::milliseconds drain_deadline);

  // Connections accepted and not yet closed (rejected 503 connections excluded).
  size_t active_connections() const;

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rampart::http
