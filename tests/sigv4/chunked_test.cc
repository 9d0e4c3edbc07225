// aws-chunked streaming verification: splits, tampering, framing errors and length checks.
#include <gtest/gtest.h>

#include "crypto/sha256.h"
#include "sigv4/canonical_request.h"
#include "sigv4/chunked_verifier.h"
#include "sigv4/signing_key.h"
#include "test_util.h"

namespace rampart::sigv4 {
namespace {

constexpr const char* kDate = "20240115T093000Z";
constexpr const char* kScope = "20240115/us-east-1/s3/aws4_request";
constexpr const char* kSeed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";

class ChunkedTest : public ::testing::Test {
 protected:
  crypto::Sha256Digest key_ = DeriveSigningKey(testing::kSecret, "20240115", "us-east-1", "s3");

  // Encodes `chunks` (plus the final empty chunk) with a correct signature chain.
  std::string Encode(const std::vector<std::string>& chunks) {
    std::string prev = kSeed, out;
    for (const auto& c : chunks) {
      prev =
          ChunkedPayloadVerifier::ChunkSignature(key_, kDate, kScope, prev, crypto::Sha256Hex(c));
      char size[32];
      std::snprintf(size, sizeof size, "%zx", c.size());
      out += std::string(size) + ";chunk-signature=" + prev + "\r\n" + c + "\r\n";
    }
    prev = ChunkedPayloadVerifier::ChunkSignature(key_, kDate, kScope, prev, kEmptySha256);
    out += "0;chunk-signature=" + prev + "\r\n\r\n";
    return out;
  }

  ChunkedPayloadVerifier Make(std::optional<uint64_t> len = std::nullopt) {
    return ChunkedPayloadVerifier(key_, kDate, kScope, kSeed, len);
  }
};

TEST_F(ChunkedTest, DecodesMultipleChunksFedByteByByte) {
  std::vector<std::string> chunks = {std::string(8192, 'x'), std::string(8192, 'y'), "tail"};
  std::string body = Encode(chunks);
  auto v = Make(8192 * 2 + 4);
  std::string out;
  for (char c : body) ASSERT_TRUE(v.Feed(std::string_view(&c, 1), out).ok());
  ASSERT_TRUE(v.Finish().ok());
  EXPECT_TRUE(v.done());
  EXPECT_EQ(out, chunks[0] + chunks[1] + chunks[2]);
}

TEST_F(ChunkedTest, DataIsReleasedOnlyAfterItsSignatureVerifies) {
  std::string body = Encode({"hello world"});
  auto v = Make();
  std::string out;
  size_t data_end = body.find("hello world") + 11;
  ASSERT_TRUE(v.Feed(std::string_view(body).substr(0, data_end), out).ok());
  EXPECT_EQ(out, "");
  ASSERT_TRUE(v.Feed(std::string_view(body).substr(data_end), out).ok());
  EXPECT_EQ(out, "hello world");
}

TEST_F(ChunkedTest, TamperedDataFails) {
  std::string body = Encode({"hello world", "second"});
  body[body.find("hello")] = 'j';
  auto v = Make();
  std::string out;
  auto s = v.Feed(body, out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().failure, AuthFailure::kSignatureDoesNotMatch);
  EXPECT_EQ(out, "");
  EXPECT_FALSE(v.Feed("more", out).ok());  // failure is sticky
  EXPECT_FALSE(v.Finish().ok());
}

TEST_F(ChunkedTest, ReorderedOrDroppedChunksFail) {
  std::string a = Encode({"first", "second"});
  // Drop the first chunk: the chain no longer starts at the seed.
  std::string dropped = a.substr(a.find("\r\n", a.find("first")) + 2);
  auto v = Make();
  std::string out;
  EXPECT_FALSE(v.Feed(dropped, out).ok());
  // Wrong seed.
  ChunkedPayloadVerifier w(key_, kDate, kScope, std::string(64, '0'));
  EXPECT_FALSE(w.Feed(a, out).ok());
}

TEST_F(ChunkedTest, FramingErrors) {
  const std::string sig(64, 'a');
  for (const std::string& bad :
       {std::string("zz;chunk-signature=") + sig + "\r\n",
        std::string("5;chunk-sig=") + sig + "\r\n", std::string("5;chunk-signature=abc\r\n"),
        std::string("5;chunk-signature=") + sig + "\n",
        std::string(";chunk-signature=") + sig + "\r\n",
        std::string("fffffffff;chunk-signature=") + sig + "\r\n", std::string(5000, '1')}) {
    auto v = Make();
    std::string out;
    auto s = v.Feed(bad, out);
    ASSERT_FALSE(s.ok()) << bad.substr(0, 40);
    EXPECT_EQ(s.error().failure, AuthFailure::kMalformedChunkedEncoding);
  }
  // Missing CRLF after data.
  std::string body = Encode({"abc"});
  body.replace(body.find("abc") + 3, 2, "XX");
  auto v = Make();
  std::string out;
  EXPECT_FALSE(v.Feed(body, out).ok());
}

TEST_F(ChunkedTest, LengthChecks) {
  std::string body = Encode({"abcdef"});
  {
    auto v = Make(5);
    std::string out;
    auto s = v.Feed(body, out);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().failure, AuthFailure::kIncompleteBody);
  }
  {
    auto v = Make(7);
    std::string out;
    ASSERT_TRUE(v.Feed(body, out).ok());
    EXPECT_EQ(v.Finish().error().failure, AuthFailure::kIncompleteBody);
  }
  {
    auto v = Make(6);
    std::string out;
    ASSERT_TRUE(v.Feed(body.substr(0, body.size() - 3), out).ok());
    EXPECT_EQ(v.Finish().error().failure, AuthFailure::kIncompleteBody);  // truncated
  }
  {
    auto v = Make(6);
    std::string out;
    ASSERT_TRUE(v.Feed(body, out).ok());
    EXPECT_FALSE(v.Feed("x", out).ok());  // bytes after the final chunk
  }
}

}  // namespace
}  // namespace rampart::sigv4
