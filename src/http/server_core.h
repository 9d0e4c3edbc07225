// Internal state shared by the listener and the sessions of one Server (not a public header).
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "http/server.h"

namespace rampart::http::internal {

// What the Server and the responder need from a session; every method may be called from any
// thread (the work is posted to the session's io_context).
class SessionBase : public std::enable_shared_from_this<SessionBase> {
 public:
  virtual ~SessionBase() = default;
  // Stop taking requests: close when idle, otherwise finish the current one and then close.
  virtual void RequestStop() = 0;
  virtual void RequestClose() = 0;
  // Hands over the handler's response; nullopt means the handler dropped `respond` (-> 500).
  virtual void Deliver(std::optional<Response> response) = 0;
};

struct Core {
  ServerOptions options;
  Handler handler;
  BodyLimitFn body_limit;
  RejectFn reject;

  std::vector<std::unique_ptr<boost::asio::io_context>> contexts;
  std::optional<boost::asio::ssl::context> tls;

  std::atomic<bool> stopping{false};
  std::atomic<size_t> active{0};

  std::mutex mu;  // guards the fields below
  std::unordered_map<SessionBase*, std::weak_ptr<SessionBase>> sessions;
  bool accepting_posts = true;  // false once the threads are gone

  Response MakeRejection(const Request* partial, int status, std::string_view code,
                         std::string_view message) const;
  void Register(SessionBase* s, std::weak_ptr<SessionBase> weak);
  void Unregister(SessionBase* s);
  // Runs `fn` for every live session (outside `mu`: a session may die inside `fn`).
  template <class Fn>
  void ForEachSession(Fn&& fn) {
    std::vector<std::shared_ptr<SessionBase>> live;
    {
      std::lock_guard lock(mu);
      for (auto& [raw, weak] : sessions)
        if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    for (auto& s : live) fn(*s);
  }
};

// Creates and starts a session for an accepted socket; `reject` answers 503 and closes.
void StartPlainSession(std::shared_ptr<Core> core, boost::asio::ip::tcp::socket socket,
                       bool reject);
void StartTlsSession(std::shared_ptr<Core> core, boost::asio::ip::tcp::socket socket, bool reject);

}  // namespace rampart::http::internal
