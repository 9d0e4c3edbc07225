// Server: io_context-per-thread workers, the round-robin acceptor, TLS setup and graceful drain.
#include "http/server.h"

#include <openssl/ssl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <future>
#include <thread>

#include "http/server_core.h"

namespace rampart::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using ErrorCode = boost::system::error_code;

Response DefaultReject(const Request*, int status, std::string_view code,
                       std::string_view message) {
  Response r;
  r.status = status;
  r.headers.Add("Content-Type", "text/plain; charset=utf-8");
  r.body = std::string(code) + ": " + std::string(message);
  return r;
}

namespace internal {

Response Core::MakeRejection(const Request* partial, int status, std::string_view code,
                             std::string_view message) const {
  if (reject) {
    try {
      return reject(partial, status, code, message);
    } catch (...) {
    }
  }
  return DefaultReject(partial, status, code, message);
}

void Core::Register(SessionBase* s, std::weak_ptr<SessionBase> weak) {
  std::lock_guard lock(mu);
  sessions.emplace(s, std::move(weak));
}

void Core::Unregister(SessionBase* s) {
  std::lock_guard lock(mu);
  sessions.erase(s);
}

}  // namespace internal

namespace {

AwsError StartError(std::string what, const ErrorCode& ec) {
  return AwsError::Internal("HTTP server: " + what + ": " + ec.message());
}

Result<bool> ConfigureTls(internal::Core& core) {
  const auto& o = core.options;
  if (o.tls_cert_file.empty() && o.tls_key_file.empty()) return false;
  if (o.tls_cert_file.empty() || o.tls_key_file.empty())
    return AwsError::Internal("HTTP server: TLS needs both a certificate and a key file");
  auto& ctx = core.tls.emplace(asio::ssl::context::tls_server);
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                  asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  ErrorCode ec;
  ctx.use_certificate_chain_file(o.tls_cert_file, ec);
  if (ec) return StartError("cannot load TLS certificate " + o.tls_cert_file, ec);
  ctx.use_private_key_file(o.tls_key_file, asio::ssl::context::pem, ec);
  if (ec) return StartError("cannot load TLS key " + o.tls_key_file, ec);
  return true;
}

}  // namespace

struct Server::Impl {
  std::shared_ptr<internal::Core> core;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::steady_timer> retry_timer;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::vector<std::thread> threads;
  size_t next_context = 0;
  uint16_t port = 0;
  std::mutex stop_mu;
  bool stopped = false;

  Status Listen();
  void RunThreads();
  void Accept();
  void OnAccept(const ErrorCode& ec, tcp::socket socket);
  void Stop(std::chrono::milliseconds drain_deadline);
  void WaitForDrain(std::chrono::steady_clock::time_point until) const;
};

Status Server::Impl::Listen() {
  ErrorCode ec;
  auto address = asio::ip::make_address(core->options.address, ec);
  if (ec) return StartError("bad listen address " + core->options.address, ec);
  tcp::endpoint endpoint(address, core->options.port);
  acceptor = std::make_unique<tcp::acceptor>(*core->contexts[0]);
  retry_timer = std::make_unique<asio::steady_timer>(*core->contexts[0]);
  acceptor->open(endpoint.protocol(), ec);
  if (ec) return StartError("open", ec);
  acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  acceptor->bind(endpoint, ec);
  if (ec) return StartError("cannot bind " + endpoint.address().to_string(), ec);
  acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return StartError("listen", ec);
  port = acceptor->local_endpoint(ec).port();
  if (ec) return StartError("local_endpoint", ec);
  return Status::Ok();
}

void Server::Impl::RunThreads() {
  for (auto& ctx : core->contexts) {
    guards.push_back(asio::make_work_guard(*ctx));
    threads.emplace_back([ctx = ctx.get()] {
      for (;;) {
        try {
          ctx->run();
          return;
        } catch (...) {  // a throwing completion handler must not take the worker down
        }
      }
    });
  }
  asio::post(*core->contexts[0], [this] { Accept(); });
}

void Server::Impl::Accept() {
  auto& ctx = *core->contexts[next_context++ % core->contexts.size()];
  acceptor->async_accept(
      ctx, [this](const ErrorCode& ec, tcp::socket socket) { OnAccept(ec, std::move(socket)); });
}

void Server::Impl::OnAccept(const ErrorCode& ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || core->stopping) return;
  if (ec) {  // e.g. out of file descriptors: back off briefly instead of spinning
    retry_timer->expires_after(std::chrono::milliseconds(50));
    retry_timer->async_wait([this](const ErrorCode& e) {
      if (!e && !core->stopping) Accept();
    });
    return;
  }
  ErrorCode ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  // Only this thread increments `active`, so the limit cannot be overshot.
  bool reject = core->active.load() >= core->options.max_connections;
  if (!reject) core->active.fetch_add(1);
  if (core->tls)
    internal::StartTlsSession(core, std::move(socket), reject);
  else
    internal::StartPlainSession(core, std::move(socket), reject);
  Accept();
}

void Server::Impl::WaitForDrain(std::chrono::steady_clock::time_point until) const {
  while (core->active.load() > 0 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

void Server::Impl::Stop(std::chrono::milliseconds drain_deadline) {
  {
    std::lock_guard lock(stop_mu);
    if (stopped) return;
    stopped = true;
  }
  auto deadline = std::chrono::steady_clock::now() + drain_deadline;
  core->stopping = true;
  std::promise<void> closed;
  asio::post(*core->contexts[0], [this, &closed] {
    ErrorCode ignored;
    acceptor->close(ignored);
    retry_timer->cancel();
    closed.set_value();
  });
  closed.get_future().wait();
  core->ForEachSession([](internal::SessionBase& s) { s.RequestStop(); });
  WaitForDrain(deadline);
  core->ForEachSession([](internal::SessionBase& s) { s.RequestClose(); });
  WaitForDrain(std::chrono::steady_clock::now() + std::chrono::milliseconds(200));
  {
    std::lock_guard lock(core->mu);
    core->accepting_posts = false;
  }
  guards.clear();
  for (auto& ctx : core->contexts) ctx->stop();
  for (auto& t : threads) t.join();
  threads.clear();
  // Run what is still queued (completions of cancelled operations) so sessions can finish.
  for (auto& ctx : core->contexts) {
    ctx->restart();
    try {
      while (ctx->poll() > 0) {
      }
    } catch (...) {
    }
  }
  acceptor.reset();
  retry_timer.reset();
}

Result<std::unique_ptr<Server>> Server::Start(ServerOptions options, Handler handler,
                                              BodyLimitFn body_limit, RejectFn reject) {
  try {
    auto core = std::make_shared<internal::Core>();
    core->options = std::move(options);
    core->handler = std::move(handler);
    core->body_limit = std::move(body_limit);
    core->reject = std::move(reject);
    if (!core->handler) return AwsError::Internal("HTTP server: no handler");
    RAMPART_TRY(ConfigureTls(*core));
    size_t n = core->options.threads;
    if (n == 0) n = std::max(1u, std::thread::hardware_concurrency());
    for (size_t i = 0; i < n; ++i) core->contexts.push_back(std::make_unique<asio::io_context>(1));
    auto impl = std::make_unique<Impl>();
    impl->core = std::move(core);
    RAMPART_TRY(impl->Listen());
    impl->RunThreads();
    return std::unique_ptr<Server>(new Server(std::move(impl)));
  } catch (const std::exception& e) {
    return AwsError::Internal(std::string("HTTP server: ") + e.what());
  }
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(std::chrono::milliseconds(0)); }

uint16_t Server::port() const { return impl_->port; }

bool Server::tls() const { return impl_->core->tls.has_value(); }

void Server::Stop(std::chrono::milliseconds drain_deadline) { impl_->Stop(drain_deadline); }

size_t Server::active_connections() const { return impl_->core->active.load(); }

}  // namespace rampart::http
