// Tests of ParseRequest, the one-shot form of the server's request parser.
#include "http/request_parse.h"

#include <gtest/gtest.h>

namespace rampart::http {
namespace {

TEST(ParseRequestTest, ParsesHeadersAndContentLengthBody) {
  std::string raw =
      "POST /p?a=b HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nX-A: 2\r\nContent-Length: 3\r\n\r\nabcNEXT";
  auto r = ParseRequest(raw, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->request.method, "POST");
  EXPECT_EQ(r->request.Path(), "/p");
  EXPECT_EQ(r->request.RawQuery(), "a=b");
  EXPECT_EQ(r->request.body, "abc");
  EXPECT_EQ(r->request.headers.Get("x-a"), "1");
  EXPECT_EQ(r->request.headers.items.size(), 4u);
  EXPECT_EQ(r->consumed, raw.size() - 4);
  EXPECT_TRUE(r->keep_alive);
  EXPECT_EQ(r->version, 11u);
}

TEST(ParseRequestTest, ChunkedBodyAndExpectContinue) {
  auto r = ParseRequest(
      "PUT / HTTP/1.1\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
      {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->request.body, "abcde");
  EXPECT_TRUE(r->expect_continue);
}

TEST(ParseRequestTest, Http10DefaultsToClose) {
  auto r = ParseRequest("GET / HTTP/1.0\r\n\r\n", {});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->keep_alive);
  EXPECT_EQ(r->version, 10u);
}

TEST(ParseRequestTest, LimitsMapToStatuses) {
  ParseLimits small;
  small.max_header_bytes = 64;
  small.body_limit = 4;
  auto h = ParseRequest("GET / HTTP/1.1\r\nX: " + std::string(100, 'a') + "\r\n\r\n", small);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().http_status, 431);
  EXPECT_EQ(h.error().code, "RequestHeaderSectionTooLarge");
  auto b = ParseRequest("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcde", small);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().http_status, 413);
  auto c = ParseRequest(
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n", small);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().http_status, 413);
}

TEST(ParseRequestTest, MalformedAndIncompleteAre400) {
  for (std::string bad :
       {"", "GET", "GET / HTTP/1.1\r\nHost: x\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc", "\x01\x02\x03\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n", "GET / HTTP/1.1\r\nBad Header: x\r\n\r\n"}) {
    auto r = ParseRequest(bad, {});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().http_status, 400) << bad;
  }
}

}  // namespace
}  // namespace rampart::http
