// Tests of the TLS listener and of GenerateSelfSignedCert.
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "http/server.h"
#include "http/tls_cert.h"
#include "test_client.h"

namespace rampart::http {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;

// A fresh directory under the test temp dir, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = fs::temp_directory_path() / "rampart_http_XXXXXX";
    char* made = ::mkdtemp(pattern.data());
    path_ = made ? made : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (fs::path(path_) / name).string(); }

 private:
  std::string path_;
};

void Echo(Request req, std::function<void(Response)> respond) {
  Response r;
  r.headers.Add("X-Tls", req.tls ? "1" : "0");
  r.body = req.method + " " + req.target + " " + req.body;
  respond(std::move(r));
}

std::unique_ptr<X509, decltype(&X509_free)> LoadCert(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "r");
  X509* cert = f ? PEM_read_X509(f, nullptr, nullptr, nullptr) : nullptr;
  if (f) std::fclose(f);
  return {cert, &X509_free};
}

class TlsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cert_ = dir_.File("cert.pem");
    key_ = dir_.File("key.pem");
    auto st = GenerateSelfSignedCert(cert_, key_, {"rampart.test", "10.1.2.3"});
    ASSERT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.tls_cert_file = cert_;
    o.tls_key_file = key_;
    o.header_timeout = std::chrono::milliseconds(2000);
    auto s = Server::Start(o, Echo);
    ASSERT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    server_ = std::move(s).value();
  }

  // One HTTPS request with certificate + host name verification against the generated cert.
  bhttp::response<bhttp::string_body> Fetch(const std::string& host, bool* verified) {
    asio::io_context ioc;
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.load_verify_file(cert_);
    ctx.set_verify_mode(asio::ssl::verify_peer);
    asio::ssl::stream<asio::ip::tcp::socket> stream(ioc, ctx);
    SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());
    stream.set_verify_callback(asio::ssl::host_name_verification(host));
    stream.next_layer().connect({asio::ip::make_address("127.0.0.1"), server_->port()});
    boost::system::error_code ec;
    stream.handshake(asio::ssl::stream_base::client, ec);
    *verified = !ec;
    bhttp::response<bhttp::string_body> res;
    if (ec) return res;
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/secure", 11};
    req.set(bhttp::field::host, host);
    req.body() = "payload";
    req.prepare_payload();
    bhttp::write(stream, req);
    boost::beast::flat_buffer buffer;
    bhttp::read(stream, buffer, res);
    return res;
  }

  TempDir dir_;
  std::string cert_, key_;
  std::unique_ptr<Server> server_;
};

TEST_F(TlsServerTest, ServesHttpsWithVerifiedSelfSignedCert) {
  ASSERT_TRUE(server_);
  EXPECT_TRUE(server_->tls());
  bool verified = false;
  auto res = Fetch("localhost", &verified);
  ASSERT_TRUE(verified);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body(), "POST /secure payload");
  EXPECT_EQ(res[bhttp::field::server], "Rampart");
  EXPECT_EQ(res["X-Tls"], "1");
  res = Fetch("rampart.test", &verified);  // an extra DNS name
  ASSERT_TRUE(verified);
  EXPECT_EQ(res.result_int(), 200);
}

TEST_F(TlsServerTest, WrongHostNameFailsVerification) {
  ASSERT_TRUE(server_);
  bool verified = true;
  Fetch("other.example", &verified);
  EXPECT_FALSE(verified);
}

TEST_F(TlsServerTest, PlainHttpAndGarbageOnTlsPortAreClosed) {
  ASSERT_TRUE(server_);
  for (std::string bytes : {std::string("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
                            std::string("\x16\x03\x01\x00\x05garbagegarbage", 20)}) {
    testing::RawClient c;
    ASSERT_TRUE(c.Connect(server_->port()));
    ASSERT_TRUE(c.Send(bytes));
    EXPECT_TRUE(c.WaitClosed(std::chrono::milliseconds(3000), /*allow_data=*/true));
  }
  bool verified = false;
  auto res = Fetch("localhost", &verified);
  ASSERT_TRUE(verified);
  EXPECT_EQ(res.result_int(), 200);
}

TEST(SelfSignedCertTest, HasSansValidityAndPrivateKeyMode) {
  TempDir dir;
  std::string cert = dir.File("c.pem"), key = dir.File("k.pem");
  ASSERT_TRUE(GenerateSelfSignedCert(cert, key, {"example.internal", "::1"}).ok());
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto x = LoadCert(cert);
  ASSERT_TRUE(x);
  EXPECT_EQ(X509_check_host(x.get(), "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_host(x.get(), "example.internal", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_host(x.get(), "nope.internal", 0, 0, nullptr), 0);
  EXPECT_EQ(X509_check_ip_asc(x.get(), "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(x.get(), "::1", 0), 1);
  EVP_PKEY* pub = X509_get0_pubkey(x.get());
  ASSERT_NE(pub, nullptr);
  EXPECT_TRUE(EVP_PKEY_is_a(pub, "EC"));
  EXPECT_EQ(EVP_PKEY_get_bits(pub), 256);
  int days = 0, secs = 0;
  ASSERT_EQ(ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(x.get()), X509_get0_notAfter(x.get())),
            1);
  EXPECT_GE(days, 3650);
  EXPECT_LE(days, 3660);
  EXPECT_EQ(X509_verify(x.get(), pub), 1);  // self-signed
}

TEST(SelfSignedCertTest, UnwritablePathIsAnError) {
  EXPECT_FALSE(GenerateSelfSignedCert("/nonexistent/dir/c.pem", "/nonexistent/dir/k.pem", {}).ok());
}

}  // namespace
}  // namespace rampart::http
