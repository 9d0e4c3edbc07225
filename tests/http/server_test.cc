// Tests of http::Server over plain TCP: framing, keep-alive, limits, timeouts, drain.
#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "test_client.h"

namespace rampart::http {
namespace {

using std::chrono::milliseconds;
using testing::ClientResponse;
using testing::RawClient;
using testing::RoundTrip;

// Echoes "<method> <target> <body>" and reports peer details in headers.
void Echo(Request req, std::function<void(Response)> respond) {
  Response r;
  r.headers.Add("Content-Type", "text/plain");
  r.headers.Add("X-Remote", req.remote_ip + ":" + std::to_string(req.remote_port));
  r.headers.Add("X-Tls", req.tls ? "1" : "0");
  r.body = req.method + " " + req.target + " " + req.body;
  respond(std::move(r));
}

// A RejectFn that marks its responses so tests can tell they came through it.
Response MarkedReject(const Request* partial, int status, std::string_view code,
                      std::string_view message) {
  Response r;
  r.status = status;
  r.headers.Add("X-Reject-Code", std::string(code));
  r.headers.Add("X-Had-Headers", partial ? "1" : "0");
  r.body = std::string(code) + "|" + std::string(message);
  return r;
}

ServerOptions TestOptions() {
  ServerOptions o;
  o.port = 0;
  o.threads = 2;
  return o;
}

std::unique_ptr<Server> StartOrDie(ServerOptions o, Handler h = Echo, BodyLimitFn limit = nullptr,
                                   RejectFn reject = MarkedReject) {
  auto s = Server::Start(std::move(o), std::move(h), std::move(limit), std::move(reject));
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s.ok() ? std::move(s).value() : nullptr;
}

constexpr const char* kGet = "GET /a/b?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n";

// Waits until `pred` holds or 3 s pass.
template <class Pred>
bool Eventually(Pred pred) {
  auto end = std::chrono::steady_clock::now() + milliseconds(3000);
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(milliseconds(5));
  }
  return pred();
}

TEST(HttpServerTest, EchoesMethodTargetBodyAndSetsStandardHeaders) {
  auto server = StartOrDie(TestOptions());
  ASSERT_TRUE(server);
  EXPECT_NE(server->port(), 0);
  auto r = RoundTrip(server->port(),
                     "POST /echo?q=%20 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "POST /echo?q=%20 hello");
  EXPECT_EQ(r->Header("server"), "Rampart");
  EXPECT_EQ(r->Header("content-length"), "22");
  EXPECT_EQ(r->Header("connection"), "keep-alive");
  EXPECT_EQ(r->Header("date").size(), 29u);
  EXPECT_TRUE(r->Header("date").ends_with(" GMT"));
  EXPECT_TRUE(r->Header("x-remote").starts_with("127.0.0.1:"));
  EXPECT_EQ(r->Header("x-tls"), "0");
  EXPECT_EQ(r->Header("x-amzn-requestid"), "");  // the pipeline's job, not the server's
}

TEST(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  auto server = StartOrDie(TestOptions());
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  std::string first_peer;
  for (int i = 0; i < 4; ++i) {
    std::string body = "n" + std::to_string(i);
    ASSERT_TRUE(c.Send("PUT /k HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n" + body));
    auto r = c.ReadResponse();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->body, "PUT /k " + body);
    if (i == 0) first_peer = r->Header("x-remote");
    EXPECT_EQ(r->Header("x-remote"), first_peer);
  }
  EXPECT_EQ(server->active_connections(), 1u);
}

TEST(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  auto server = StartOrDie(TestOptions());
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send(
      "GET /one HTTP/1.1\r\nHost: x\r\n\r\nPOST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3"
      "\r\n\r\nabcGET /three HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto a = c.ReadResponse();
  auto b = c.ReadResponse();
  auto d = c.ReadResponse();
  ASSERT_TRUE(a && b && d);
  EXPECT_EQ(a->body, "GET /one ");
  EXPECT_EQ(b->body, "POST /two abc");
  EXPECT_EQ(d->body, "GET /three ");
}

TEST(HttpServerTest, Http10ClosesAfterResponse) {
  auto server = StartOrDie(TestOptions());
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send("GET /old HTTP/1.0\r\n\r\n"));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "GET /old ");
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_TRUE(c.WaitClosed());
}

TEST(HttpServerTest, Http10KeepAliveIsHonoured) {
  auto server = StartOrDie(TestOptions());
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send("GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Header("connection"), "keep-alive");
  ASSERT_TRUE(c.Send("GET /2 HTTP/1.0\r\n\r\n"));
  r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "GET /2 ");
}

TEST(HttpServerTest, ClientConnectionCloseIsHonoured) {
  auto server = StartOrDie(TestOptions());
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_TRUE(c.WaitClosed());
}

TEST(HttpServerTest, ChunkedRequestBodyIsReassembled) {
  auto server = StartOrDie(TestOptions());
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(
      c.Send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
             "5\r\nhello\r\n"));
  std::this_thread::sleep_for(milliseconds(20));
  ASSERT_TRUE(c.Send("7;ext=1\r\n, world\r\n0\r\n\r\n"));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "POST /c hello, world");
}

TEST(HttpServerTest, ExpectContinueGetsInterimResponseBeforeBody) {
  auto server = StartOrDie(TestOptions());
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(
      c.Send("PUT /obj HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = c.ReadResponse();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(c.Send("data"));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "PUT /obj data");
}

TEST(HttpServerTest, ExpectContinueOverLimitGets413WithoutInterim) {
  auto server = StartOrDie(TestOptions(), Echo, [](const Request&) { return size_t{8}; });
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(
      c.Send("PUT /obj HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\nExpect: 100-continue\r\n\r\n"));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->Header("x-reject-code"), "RequestEntityTooLarge");
  EXPECT_EQ(r->Header("x-had-headers"), "1");
  EXPECT_TRUE(c.WaitClosed());
}

TEST(HttpServerTest, HeaderSectionTooLargeGets431FromRejectFn) {
  ServerOptions o = TestOptions();
  o.max_header_bytes = 1024;
  auto server = StartOrDie(o);
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n"));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_EQ(r->Header("x-reject-code"), "RequestHeaderSectionTooLarge");
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_TRUE(c.WaitClosed());
  // A header just under the limit is fine.
  auto ok =
      RoundTrip(server->port(), "GET / HTTP/1.1\r\nX-B: " + std::string(900, 'a') + "\r\n\r\n");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(HttpServerTest, BodyOverLimitGets413) {
  auto limit = [](const Request& head) -> size_t {
    EXPECT_TRUE(head.body.empty());
    return head.Path() == "/small" ? 10 : 0;
  };
  ServerOptions o = TestOptions();
  o.default_body_limit = 100;
  auto server = StartOrDie(o, Echo, limit);
  ASSERT_TRUE(server);
  auto r = RoundTrip(server->port(),
                     "POST /small HTTP/1.1\r\nContent-Length: 11\r\n\r\n" + std::string(11, 'x'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->Header("x-reject-code"), "RequestEntityTooLarge");
  r = RoundTrip(server->port(),
                "POST /small HTTP/1.1\r\nContent-Length: 10\r\n\r\n" + std::string(10, 'x'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  // 0 from BodyLimitFn means default_body_limit.
  r = RoundTrip(server->port(),
                "POST /big HTTP/1.1\r\nContent-Length: 101\r\n\r\n" + std::string(101, 'x'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  r = RoundTrip(server->port(),
                "POST /big HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'x'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(HttpServerTest, ChunkedBodyOverLimitGets413) {
  auto server = StartOrDie(TestOptions(), Echo, [](const Request&) { return size_t{8}; });
  ASSERT_TRUE(server);
  auto r = RoundTrip(server->port(),
                     "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"
                     "5\r\nworld\r\n0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->Header("x-had-headers"), "1");
}

TEST(HttpServerTest, SlowHeaderTimesOutWhileOthersAreServed) {
  ServerOptions o = TestOptions();
  o.header_timeout = milliseconds(300);
  auto server = StartOrDie(o);
  ASSERT_TRUE(server);
  RawClient slow;
  ASSERT_TRUE(slow.Connect(server->port()));
  ASSERT_TRUE(slow.Send("GET /slow HTTP/1.1\r\nHost: x\r\n"));
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 3; ++i) {
    auto ok = RoundTrip(server->port(), kGet);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
  }
  auto r = slow.ReadResponse();
  auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 408);
  EXPECT_EQ(r->Header("x-reject-code"), "RequestTimeout");
  EXPECT_GE(waited, milliseconds(250));
  EXPECT_TRUE(slow.WaitClosed());
}

TEST(HttpServerTest, SlowBodyTimesOutWith408) {
  ServerOptions o = TestOptions();
  o.body_timeout = milliseconds(300);
  auto server = StartOrDie(o);
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 408);
  EXPECT_EQ(r->Header("x-had-headers"), "1");
}

TEST(HttpServerTest, IdleKeepAliveConnectionIsClosedSilently) {
  ServerOptions o = TestOptions();
  o.idle_timeout = milliseconds(200);
  auto server = StartOrDie(o);
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send(kGet));
  ASSERT_TRUE(c.ReadResponse());
  EXPECT_TRUE(c.WaitClosed(milliseconds(3000)));  // closed, and no 408 bytes arrived
  EXPECT_TRUE(Eventually([&] { return server->active_connections() == 0; }));
}

TEST(HttpServerTest, ConnectionLimitGets503) {
  ServerOptions o = TestOptions();
  o.max_connections = 2;
  auto server = StartOrDie(o);
  ASSERT_TRUE(server);
  RawClient a, b, c;
  ASSERT_TRUE(a.Connect(server->port()));
  ASSERT_TRUE(a.Send(kGet));
  ASSERT_TRUE(a.ReadResponse());
  ASSERT_TRUE(b.Connect(server->port()));
  ASSERT_TRUE(b.Send(kGet));
  ASSERT_TRUE(b.ReadResponse());
  EXPECT_EQ(server->active_connections(), 2u);
  ASSERT_TRUE(c.Connect(server->port()));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(r->Header("x-reject-code"), "ServiceUnavailable");
  EXPECT_EQ(r->Header("x-had-headers"), "0");
  a.Close();
  ASSERT_TRUE(Eventually([&] { return server->active_connections() == 1; }));
  auto ok = RoundTrip(server->port(), kGet);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(HttpServerTest, GarbageIsRejectedAndServerKeepsServing) {
  auto server = StartOrDie(TestOptions());
  ASSERT_TRUE(server);
  const std::vector<std::string> garbage = {
      std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),
      "NOT HTTP AT ALL\r\n\r\n",
      "GET / HTTP/9.9\r\n\r\n",
      "GET / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      std::string(300, '\0'),
      "G\x80T / HTTP/1.1\r\n\r\n",
  };
  for (const auto& g : garbage) {
    RawClient c;
    ASSERT_TRUE(c.Connect(server->port()));
    ASSERT_TRUE(c.Send(g));
    auto r = c.ReadResponse();
    if (r) {
      EXPECT_EQ(r->status, 400) << g;
      EXPECT_EQ(r->Header("x-reject-code"), "BadRequest");
    }
    EXPECT_TRUE(c.WaitClosed()) << g;
  }
  auto ok = RoundTrip(server->port(), kGet);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(HttpServerTest, MalformedRequestLineGets400) {
  auto server = StartOrDie(TestOptions());
  ASSERT_TRUE(server);
  auto r = RoundTrip(server->port(), "GET /\x01 HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(r->Header("x-reject-code"), "BadRequest");
}

TEST(HttpServerTest, HeadResponseKeepsDeclaredLengthButSendsNoBody) {
  auto handler = [](Request req, std::function<void(Response)> respond) {
    Response r;
    r.headers.Add("Content-Length", "1234");
    r.headers.Add("ETag", "\"abc\"");
    r.body = req.method == "HEAD" ? "" : "ignored-for-head";
    respond(std::move(r));
  };
  auto server = StartOrDie(TestOptions(), handler);
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send("HEAD /obj HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = c.ReadResponse(/*head_request=*/true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Header("content-length"), "1234");
  EXPECT_EQ(r->Header("etag"), "\"abc\"");
  // No body bytes may follow: the next response on the connection must parse cleanly.
  ASSERT_TRUE(c.Send("GET /obj HTTP/1.1\r\nHost: x\r\n\r\n"));
  r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "ignored-for-head");
  EXPECT_EQ(r->Header("content-length"), "16");  // computed, handler's value not trusted
}

TEST(HttpServerTest, HandlerHeadersCannotInjectOrBreakFraming) {
  auto handler = [](Request, std::function<void(Response)> respond) {
    Response r;
    r.status = 201;
    r.headers.Add("X-Evil", "a\r\nX-Injected: 1");
    r.headers.Add("Transfer-Encoding", "chunked");
    r.headers.Add("X-Fine", "yes");
    r.body = "ok";
    respond(std::move(r));
  };
  auto server = StartOrDie(TestOptions(), handler);
  ASSERT_TRUE(server);
  auto r = RoundTrip(server->port(), kGet);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->Header("x-injected"), "");
  EXPECT_EQ(r->Header("x-evil"), "");
  EXPECT_EQ(r->Header("transfer-encoding"), "");
  EXPECT_EQ(r->Header("x-fine"), "yes");
  EXPECT_EQ(r->body, "ok");
}

// A handler streaming "alpha", "beta", "gamma" through Response::body_producer; "/cl" declares
// the Content-Length, "/short" declares more than it produces.
void Streaming(Request req, std::function<void(Response)> respond) {
  auto pieces = std::make_shared<std::vector<std::string>>(
      std::vector<std::string>{"alpha", "beta", "gamma", ""});
  auto index = std::make_shared<size_t>(0);
  Response r;
  if (req.target == "/cl") r.headers.Add("Content-Length", "14");
  if (req.target == "/short") r.headers.Add("Content-Length", "100");
  r.body = "ignored";
  r.body_producer = [pieces, index]() -> Result<std::string> {
    if (*index >= pieces->size()) return AwsError::Internal("exhausted");
    return (*pieces)[(*index)++];
  };
  respond(std::move(r));
}

TEST(HttpServerTest, StreamedBodyIsSentChunkedOrWithDeclaredLength) {
  auto server = StartOrDie(TestOptions(), Streaming);
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send("GET /chunked HTTP/1.1\r\n\r\n"));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Header("transfer-encoding"), "chunked");
  EXPECT_EQ(r->body, "alphabetagamma");
  ASSERT_TRUE(c.Send("GET /cl HTTP/1.1\r\n\r\n"));
  r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Header("content-length"), "14");
  EXPECT_EQ(r->body, "alphabetagamma");
  ASSERT_TRUE(c.Send("HEAD /cl HTTP/1.1\r\n\r\n"));
  r = c.ReadResponse(/*head_request=*/true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Header("content-length"), "14");
  EXPECT_TRUE(c.StaysQuiet(milliseconds(50)));  // no body bytes after a HEAD response
  // HTTP/1.0 has no chunked encoding: the body ends with the connection.
  RawClient old;
  ASSERT_TRUE(old.Connect(server->port()));
  ASSERT_TRUE(old.Send("GET /chunked HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  r = old.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_EQ(r->body, "alphabetagamma");
}

TEST(HttpServerTest, StreamedBodyShorterThanDeclaredClosesConnection) {
  auto server = StartOrDie(TestOptions(), Streaming);
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send("GET /short HTTP/1.1\r\n\r\n"));
  EXPECT_FALSE(c.ReadResponse());  // truncated: the client must see a broken response
  auto ok = RoundTrip(server->port(), "GET /cl HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->body, "alphabetagamma");
}

// Runs closures on its own threads; joins them on destruction.
class Worker {
 public:
  ~Worker() {
    for (auto& t : threads_) t.join();
  }
  void Run(std::function<void()> fn) {
    std::lock_guard lock(mu_);
    threads_.emplace_back(std::move(fn));
  }

 private:
  std::mutex mu_;
  std::vector<std::thread> threads_;
};

TEST(HttpServerTest, AsyncRespondFromAnotherThread) {
  Worker worker;
  std::atomic<bool> other_thread{false};
  auto handler = [&](Request req, std::function<void(Response)> respond) {
    auto io_thread = std::this_thread::get_id();
    worker.Run([&, io_thread, req = std::move(req), respond = std::move(respond)] {
      std::this_thread::sleep_for(milliseconds(30));
      other_thread = std::this_thread::get_id() != io_thread;
      Response r;
      r.body = "async " + req.target;
      respond(std::move(r));
    });
  };
  {
    auto server = StartOrDie(TestOptions(), handler);
    ASSERT_TRUE(server);
    RawClient c;
    ASSERT_TRUE(c.Connect(server->port()));
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(c.Send("GET /x" + std::to_string(i) + " HTTP/1.1\r\n\r\n"));
      auto r = c.ReadResponse();
      ASSERT_TRUE(r);
      EXPECT_EQ(r->body, "async /x" + std::to_string(i));
    }
    EXPECT_TRUE(other_thread);
  }
}

TEST(HttpServerTest, DroppedRespondBecomes500AndExtraCallsAreIgnored) {
  auto handler = [](Request req, std::function<void(Response)> respond) {
    if (req.target == "/twice") {
      Response a;
      a.body = "first";
      respond(a);
      Response b;
      b.body = "second";
      respond(b);
    }
    if (req.target == "/throw") throw std::runtime_error("boom");
    // "/drop": respond goes out of scope unanswered
  };
  auto server = StartOrDie(TestOptions(), handler);
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send("GET /drop HTTP/1.1\r\n\r\n"));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->Header("x-reject-code"), "InternalFailure");
  ASSERT_TRUE(c.Send("GET /twice HTTP/1.1\r\n\r\n"));
  r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "first");
  ASSERT_TRUE(c.Send("GET /throw HTTP/1.1\r\n\r\n"));
  r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_TRUE(c.StaysQuiet(milliseconds(50)));  // no stray second response
}

TEST(HttpServerTest, StopDrainsInFlightRequestAndDeliversItsResponse) {
  Worker worker;
  std::promise<void> entered;
  auto handler = [&](Request req, std::function<void(Response)> respond) {
    entered.set_value();
    worker.Run([respond = std::move(respond)] {
      std::this_thread::sleep_for(milliseconds(200));
      Response r;
      r.body = "finished";
      respond(std::move(r));
    });
  };
  auto server = StartOrDie(TestOptions(), handler);
  ASSERT_TRUE(server);
  uint16_t port = server->port();
  RawClient idle;
  ASSERT_TRUE(idle.Connect(port));  // an idle keep-alive connection is closed at once
  RawClient c;
  ASSERT_TRUE(c.Connect(port));
  ASSERT_TRUE(c.Send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  entered.get_future().wait();
  auto start = std::chrono::steady_clock::now();
  server->Stop(milliseconds(3000));
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, milliseconds(2500));
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "finished");
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_TRUE(c.WaitClosed());
  EXPECT_TRUE(idle.WaitClosed());
  EXPECT_EQ(server->active_connections(), 0u);
  RawClient late;
  EXPECT_FALSE(late.Connect(port) && late.Send(kGet) &&
               late.ReadResponse(false, milliseconds(300)));
  server->Stop(milliseconds(0));  // idempotent
}

TEST(HttpServerTest, StopPastDeadlineClosesUnfinishedRequests) {
  Worker worker;
  std::promise<void> entered;
  std::function<void(Response)> held;
  std::mutex mu;
  auto handler = [&](Request, std::function<void(Response)> respond) {
    std::lock_guard lock(mu);
    held = std::move(respond);
    entered.set_value();
  };
  auto server = StartOrDie(TestOptions(), handler);
  ASSERT_TRUE(server);
  RawClient c;
  ASSERT_TRUE(c.Connect(server->port()));
  ASSERT_TRUE(c.Send(kGet));
  entered.get_future().wait();
  server->Stop(milliseconds(100));
  EXPECT_TRUE(c.WaitClosed());
  std::lock_guard lock(mu);
  held(Response{});  // responding after shutdown is harmless
  held = nullptr;
  server.reset();
}

TEST(HttpServerTest, StartFailsOnBadAddressOrBusyPort) {
  auto first = StartOrDie(TestOptions());
  ASSERT_TRUE(first);
  ServerOptions busy = TestOptions();
  busy.port = first->port();
  auto second = Server::Start(busy, Echo, nullptr, nullptr);
  EXPECT_FALSE(second.ok());
  ServerOptions bad = TestOptions();
  bad.address = "not-an-address";
  EXPECT_FALSE(Server::Start(bad, Echo, nullptr, nullptr).ok());
  ServerOptions half_tls = TestOptions();
  half_tls.tls_cert_file = "/nonexistent/cert.pem";
  EXPECT_FALSE(Server::Start(half_tls, Echo, nullptr, nullptr).ok());
}

TEST(HttpServerTest, DefaultRejectIsPlainText) {
  Response r = DefaultReject(nullptr, 413, "RequestEntityTooLarge", "too big");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.body, "RequestEntityTooLarge: too big");
  EXPECT_TRUE(r.headers.Get("content-type").starts_with("text/plain"));
}

}  // namespace
}  // namespace rampart::http
