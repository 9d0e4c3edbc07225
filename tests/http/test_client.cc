// Raw-socket HTTP test client: connect, send, parse one response with poll()-based timeouts.
#include "test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace rampart::http::testing {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Parses status line + fields of `head` (without the final CRLFCRLF).
std::optional<ClientResponse> ParseHead(std::string_view head) {
  ClientResponse r;
  size_t eol = head.find("\r\n");
  std::string_view line = head.substr(0, eol);
  if (line.size() < 12 || line.substr(0, 5) != "HTTP/") return std::nullopt;
  r.status = std::atoi(std::string(line.substr(9, 3)).c_str());
  while (eol != std::string_view::npos) {
    size_t start = eol + 2;
    eol = head.find("\r\n", start);
    std::string_view field =
        head.substr(start, eol == std::string_view::npos ? head.npos : eol - start);
    size_t colon = field.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    r.headers[Lower(std::string(field.substr(0, colon)))] = Trim(field.substr(colon + 1));
  }
  return r;
}

}  // namespace

RawClient::~RawClient() { Close(); }

void RawClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool RawClient::Connect(uint16_t port) {
  Close();
  pending_.clear();
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
}

bool RawClient::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

int RawClient::Receive(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return -1;
  pollfd p{fd_, POLLIN, 0};
  int ready = ::poll(&p, 1, static_cast<int>(left.count()));
  if (ready == 0) return -1;
  if (ready < 0) return 0;
  char buf[8192];
  ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
  if (n <= 0) return 0;
  pending_.append(buf, static_cast<size_t>(n));
  return 1;
}

std::optional<ClientResponse> RawClient::ReadResponse(bool head_request,
                                                      std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t end;
  while ((end = pending_.find("\r\n\r\n")) == std::string::npos)
    if (Receive(deadline) != 1) return std::nullopt;
  auto response = ParseHead(std::string_view(pending_).substr(0, end));
  pending_.erase(0, end + 4);
  if (!response) return std::nullopt;
  bool no_body = head_request || response->status / 100 == 1 || response->status == 204 ||
                 response->status == 304;
  if (no_body) return response;
  if (response->Header("transfer-encoding") == "chunked") {
    if (!ReadChunked(&response->body, deadline)) return std::nullopt;
    return response;
  }
  std::string length = response->Header("content-length");
  if (length.empty()) {  // close-delimited
    while (Receive(deadline) == 1) {
    }
    response->body = std::move(pending_);
    pending_.clear();
    return response;
  }
  size_t n = std::strtoull(length.c_str(), nullptr, 10);
  while (pending_.size() < n)
    if (Receive(deadline) != 1) return std::nullopt;
  response->body = pending_.substr(0, n);
  pending_.erase(0, n);
  return response;
}

bool RawClient::ReadChunked(std::string* body, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    size_t eol;
    while ((eol = pending_.find("\r\n")) == std::string::npos)
      if (Receive(deadline) != 1) return false;
    size_t size = std::strtoull(pending_.substr(0, eol).c_str(), nullptr, 16);
    pending_.erase(0, eol + 2);
    while (pending_.size() < size + 2)
      if (Receive(deadline) != 1) return false;
    if (size == 0) {  // no trailers expected: just the final CRLF
      pending_.erase(0, 2);
      return true;
    }
    body->append(pending_, 0, size);
    pending_.erase(0, size + 2);
  }
}

bool RawClient::WaitClosed(std::chrono::milliseconds timeout, bool allow_data) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t before = pending_.size();
  for (;;) {
    int r = Receive(deadline);
    if (r == -1) return false;
    if (r == 0) return allow_data || pending_.size() == before;
  }
}

bool RawClient::StaysQuiet(std::chrono::milliseconds duration) {
  return Receive(std::chrono::steady_clock::now() + duration) == -1;
}

std::optional<ClientResponse> RoundTrip(uint16_t port, std::string_view request,
                                        bool head_request) {
  RawClient c;
  if (!c.Connect(port) || !c.Send(request)) return std::nullopt;
  return c.ReadResponse(head_request);
}

}  // namespace rampart::http::testing
