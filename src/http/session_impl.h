// Per-connection HTTP/1.1 state machine, templated on a plain TCP or a TLS stream (internal).
#pragma once

#include <array>
#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>

#include "http/server_core.h"
#include "http/wire.h"

namespace rampart::http::internal {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using TlsStream = asio::ssl::stream<tcp::socket>;
using ErrorCode = boost::system::error_code;

// Owns the handler's obligation to respond once; delivers a 500 if dropped unanswered.
class Responder {
 public:
  explicit Responder(std::shared_ptr<SessionBase> session) : session_(std::move(session)) {}
  ~Responder() {
    if (!done_.exchange(true)) session_->Deliver(std::nullopt);
  }
  void Respond(Response response) {
    if (done_.exchange(true)) return;
    session_->Deliver(std::move(response));
  }

 private:
  std::shared_ptr<SessionBase> session_;
  std::atomic<bool> done_{false};
};

template <class Stream>
class Session final : public SessionBase {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  Session(std::shared_ptr<Core> core, Stream stream, bool reject)
      : core_(std::move(core)),
        opts_(core_->options),
        stream_(std::move(stream)),
        timer_(Socket().get_executor()),
        reject_(reject),
        counted_(!reject) {
    ErrorCode ec;
    auto peer = Socket().remote_endpoint(ec);
    if (!ec) {
      remote_ip_ = peer.address().to_string();
      remote_port_ = peer.port();
    }
  }

  ~Session() override {
    ReleaseSlot();
    core_->Unregister(this);
  }

  asio::any_io_executor Executor() { return timer_.get_executor(); }

  // Runs on the session's thread once the session is owned by a shared_ptr.
  void Start() {
    core_->Register(this, weak_from_this());
    if (core_->stopping) return Close();
    if constexpr (kTls) return Handshake();
    if (reject_) return Reject(nullptr, wire::Overloaded());
    BeginRequest();
  }

  void RequestStop() override {
    asio::post(timer_.get_executor(), [self = Self()] { self->OnServerStop(); });
  }
  void RequestClose() override {
    asio::post(timer_.get_executor(), [self = Self()] { self->Close(); });
  }
  void Deliver(std::optional<Response> response) override {
    std::lock_guard lock(core_->mu);
    if (!core_->accepting_posts) return;
    asio::post(timer_.get_executor(), [self = Self(), r = std::move(response)]() mutable {
      self->OnResponse(std::move(r));
    });
  }

 private:
  enum class State {
    kHandshake,
    kIdle,
    kReadingHeader,
    kReadingBody,
    kHandling,
    kWriting,
    kClosing,
    kClosed
  };
  static constexpr size_t kReadChunk = 4096;
  static constexpr std::chrono::milliseconds kLinger{1000};
  static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

  std::shared_ptr<Session> Self() { return std::static_pointer_cast<Session>(shared_from_this()); }

  tcp::socket& Socket() {
    if constexpr (kTls)
      return stream_.next_layer();
    else
      return stream_;
  }

  // --- deadlines: on expiry the pending operation is cancelled and timed_out_ is set ---
  void Arm(std::chrono::milliseconds d) {
    uint64_t gen = ++timer_gen_;
    timed_out_ = false;
    timer_.expires_after(d);
    timer_.async_wait([self = Self(), gen](ErrorCode ec) {
      if (ec || gen != self->timer_gen_ || self->closed_) return;
      self->timed_out_ = true;
      ErrorCode ignored;
      self->Socket().cancel(ignored);
    });
  }
  void Disarm() {
    ++timer_gen_;
    timer_.cancel();
  }

  void ReleaseSlot() {
    if (!counted_) return;
    counted_ = false;
    core_->active.fetch_sub(1);
  }

  void FillPeer(Request& r) const {
    r.remote_ip = remote_ip_;
    r.remote_port = remote_port_;
    r.tls = kTls;
  }

  // --- connection setup ---
  void Handshake() {
    if constexpr (kTls) {
      state_ = State::kHandshake;
      Arm(opts_.header_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = Self()](ErrorCode ec) { self->OnHandshake(ec); });
    }
  }
  void OnHandshake(ErrorCode ec) {
    if (closed_) return;
    Disarm();
    if (ec || timed_out_) return Close();
    if (reject_) return Reject(nullptr, wire::Overloaded());
    BeginRequest();
  }

  // --- reading one request ---
  void BeginRequest() {
    if (closed_) return;
    if (core_->stopping || close_after_) return GracefulClose();
    header_parser_.emplace();
    wire::ConfigureHeaderParser(*header_parser_, opts_.max_header_bytes);
    body_parser_.reset();
    partial_.reset();
    head_request_ = false;
    version_ = 11;
    if (buffer_.size() > 0) return ReadHeader();
    // Nothing of the next request yet: an expiry here is a silent close.
    state_ = State::kIdle;
    Arm(requests_ == 0 ? opts_.header_timeout : opts_.idle_timeout);
    stream_.async_read_some(buffer_.prepare(kReadChunk),
                            [self = Self()](ErrorCode ec, size_t n) { self->OnFirstBytes(ec, n); });
  }
  void OnFirstBytes(ErrorCode ec, size_t n) {
    if (closed_) return;
    buffer_.commit(n);
    Disarm();
    if (ec || timed_out_ || n == 0) return Close();
    ReadHeader();
  }

  void ReadHeader() {
    state_ = State::kReadingHeader;
    Arm(opts_.header_timeout);
    wire::bhttp::async_read_header(stream_, buffer_, *header_parser_,
                                   [self = Self()](ErrorCode ec, size_t) { self->OnHeader(ec); });
  }
  void OnHeader(ErrorCode ec) {
    if (closed_) return;
    Disarm();
    if (timed_out_) return Reject(nullptr, wire::Timeout());
    if (ec) return OnReadError(ec, nullptr);
    ++requests_;
    const auto& header = header_parser_->get();
    partial_ = wire::HeadersToRequest(header);
    FillPeer(*partial_);
    version_ = header.version() == 10 ? 10 : 11;
    keep_alive_ = header.keep_alive();
    head_request_ = header.method() == wire::bhttp::verb::head;
    size_t limit = BodyLimit();
    if (wire::DeclaredLengthExceeds(*header_parser_, limit))
      return Reject(&*partial_, wire::TooLarge());
    bool expect = wire::ExpectsContinue(header) && !header_parser_->is_done();
    wire::StartBody(body_parser_, std::move(*header_parser_), limit);
    header_parser_.reset();
    if (expect) return SendContinue();
    ReadBody();
  }

  size_t BodyLimit() {
    size_t limit = 0;
    if (core_->body_limit) {
      try {
        limit = core_->body_limit(*partial_);
      } catch (...) {
        limit = 0;
      }
    }
    return limit == 0 ? opts_.default_body_limit : limit;
  }

  void SendContinue() {
    Arm(opts_.write_timeout);
    asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = Self()](ErrorCode ec, size_t) {
                        if (self->closed_) return;
                        self->Disarm();
                        if (ec || self->timed_out_) return self->Close();
                        self->ReadBody();
                      });
  }

  void ReadBody() {
    if (body_parser_->is_done()) return Dispatch();
    state_ = State::kReadingBody;
    Arm(opts_.body_timeout);
    wire::bhttp::async_read(stream_, buffer_, *body_parser_,
                            [self = Self()](ErrorCode ec, size_t) { self->OnBody(ec); });
  }
  void OnBody(ErrorCode ec) {
    if (closed_) return;
    Disarm();
    if (timed_out_) return Reject(&*partial_, wire::Timeout());
    if (ec) return OnReadError(ec, &*partial_);
    Dispatch();
  }

  void OnReadError(ErrorCode ec, const Request* partial) {
    auto rejection = wire::ClassifyParseError(ec);
    if (!rejection) return Close();
    Reject(partial, *rejection);
  }

  // --- handing the request to the pipeline ---
  void Dispatch() {
    state_ = State::kHandling;
    Request request = *partial_;
    request.body = std::move(body_parser_->get().body());
    body_parser_.reset();
    auto responder = std::make_shared<Responder>(shared_from_this());
    std::function<void(Response)> respond = [responder](Response r) {
      responder->Respond(std::move(r));
    };
    try {
      core_->handler(std::move(request), std::move(respond));
    } catch (...) {
      responder->Respond(core_->MakeRejection(&*partial_, wire::NoResponse().status,
                                              wire::NoResponse().code, wire::NoResponse().message));
    }
  }

  void OnResponse(std::optional<Response> response) {
    if (closed_ || state_ != State::kHandling) return;
    if (!response) {
      auto r = wire::NoResponse();
      response = core_->MakeRejection(&*partial_, r.status, r.code, r.message);
    }
    bool keep = keep_alive_ && !close_after_ && !core_->stopping && !wire::WantsClose(*response);
    Write(std::move(*response), keep);
  }

  // --- writing ---
  void Reject(const Request* partial, const wire::Rejection& r) {
    if (partial == nullptr) head_request_ = false;
    Write(core_->MakeRejection(partial, r.status, r.code, r.message), false);
  }

  void Write(Response response, bool keep_alive) {
    if (response.body_producer) return WriteStreamed(std::move(response), keep_alive);
    state_ = State::kWriting;
    keep_after_write_ = keep_alive;
    response_.emplace(
        wire::ToBeastResponse(std::move(response), head_request_, version_, keep_alive));
    Arm(opts_.write_timeout);
    wire::bhttp::async_write(stream_, *response_,
                             [self = Self()](ErrorCode ec, size_t) { self->OnWritten(ec); });
  }
  void OnWritten(ErrorCode ec) {
    if (closed_) return;
    Disarm();
    response_.reset();
    if (ec || timed_out_) return Close();
    if (!keep_after_write_) return GracefulClose();
    BeginRequest();
  }

  // --- writing a streamed body: header first, then one producer piece per write ---
  void WriteStreamed(Response response, bool keep_alive) {
    state_ = State::kWriting;
    producer_ = std::move(response.body_producer);
    stream_response_.emplace(
        wire::ToStreamResponse(response, head_request_, version_, &keep_alive, &declared_length_));
    keep_after_write_ = keep_alive;
    streamed_bytes_ = 0;
    serializer_.emplace(*stream_response_);
    Arm(opts_.write_timeout);
    wire::bhttp::async_write_header(
        stream_, *serializer_, [self = Self()](ErrorCode ec, size_t) { self->OnStreamed(ec); });
  }
  void OnStreamed(ErrorCode ec) {
    if (closed_) return;
    Disarm();
    if (ec == wire::bhttp::error::need_buffer) ec = {};
    if (ec || timed_out_) return Close();
    bool body_less = head_request_ ||
                     (declared_length_ && *declared_length_ == 0 && !stream_response_->chunked());
    if (serializer_->is_done() || (body_less && serializer_->is_header_done()))
      return FinishStreamed();
    if (!NextPiece()) return Close();
    Arm(opts_.write_timeout);
    wire::bhttp::async_write(stream_, *serializer_,
                             [self = Self()](ErrorCode ec, size_t) { self->OnStreamed(ec); });
  }
  // Pulls the next piece into the serializer's buffer; false when the body cannot be completed.
  bool NextPiece() {
    Result<std::string> next = AwsError::Internal();
    try {
      next = producer_();
    } catch (...) {
      return false;
    }
    if (!next.ok()) return false;
    piece_ = std::move(next).value();
    streamed_bytes_ += piece_.size();
    if (declared_length_ && streamed_bytes_ > *declared_length_) return false;
    auto& body = stream_response_->body();
    body.more = !piece_.empty();
    body.data = piece_.empty() ? nullptr : piece_.data();
    body.size = piece_.size();
    return !(piece_.empty() && declared_length_ && streamed_bytes_ != *declared_length_);
  }
  void FinishStreamed() {
    serializer_.reset();
    stream_response_.reset();
    producer_ = nullptr;
    piece_.clear();
    if (!keep_after_write_) return GracefulClose();
    BeginRequest();
  }

  // --- closing ---
  void OnServerStop() {
    if (closed_) return;
    close_after_ = true;
    if (state_ == State::kIdle || state_ == State::kHandshake) Close();
  }

  // Sends FIN (or TLS close_notify) and discards what the peer still sends for a moment, so a
  // response written just before is not destroyed by a reset.
  void GracefulClose() {
    state_ = State::kClosing;
    ReleaseSlot();
    Arm(kLinger);
    if constexpr (kTls) {
      stream_.async_shutdown([self = Self()](ErrorCode) {
        if (self->closed_) return;
        self->Close();
      });
    } else {
      ErrorCode ec;
      Socket().shutdown(tcp::socket::shutdown_send, ec);
      if (ec) return Close();
      Linger();
    }
  }
  void Linger() {
    if (!scratch_) scratch_ = std::make_unique<std::array<char, kReadChunk>>();
    Socket().async_read_some(asio::buffer(*scratch_), [self = Self()](ErrorCode ec, size_t) {
      if (self->closed_) return;
      if (ec || self->timed_out_) return self->Close();
      self->Linger();
    });
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    state_ = State::kClosed;
    ReleaseSlot();
    Disarm();
    ErrorCode ec;
    Socket().close(ec);
  }

  std::shared_ptr<Core> core_;
  const ServerOptions& opts_;
  Stream stream_;
  asio::steady_timer timer_;
  boost::beast::flat_buffer buffer_;
  std::optional<wire::HeaderParser> header_parser_;
  std::optional<wire::BodyParser> body_parser_;
  std::optional<wire::BeastResponse> response_;
  std::optional<wire::StreamResponse> stream_response_;
  std::optional<wire::bhttp::response_serializer<wire::bhttp::buffer_body>> serializer_;
  BodyProducer producer_;
  std::string piece_;
  std::optional<uint64_t> declared_length_;
  uint64_t streamed_bytes_ = 0;
  std::optional<Request> partial_;  // headers of the current request, for rejections
  std::unique_ptr<std::array<char, kReadChunk>> scratch_;
  std::string remote_ip_;
  uint16_t remote_port_ = 0;
  State state_ = State::kIdle;
  uint64_t timer_gen_ = 0;
  uint64_t requests_ = 0;
  unsigned version_ = 11;
  bool reject_;
  bool counted_;
  bool timed_out_ = false;
  bool closed_ = false;
  bool close_after_ = false;
  bool keep_alive_ = true;
  bool keep_after_write_ = false;
  bool head_request_ = false;
};

// Creates a session owning `stream` and starts it on the stream's io_context.
template <class Stream>
void LaunchSession(std::shared_ptr<Core> core, Stream stream, bool reject) {
  auto session = std::make_shared<Session<Stream>>(std::move(core), std::move(stream), reject);
  auto executor = session->Executor();
  asio::post(executor, [session] { session->Start(); });
}

}  // namespace rampart::http::internal
