// aws-chunked framing parser with per-chunk HMAC chaining from the seed signature.
#include "sigv4/chunked_verifier.h"

#include "crypto/constant_time.h"
#include "crypto/hex.h"
#include "crypto/hmac.h"
#include "sigv4/canonical_request.h"

namespace rampart::sigv4 {

namespace {
constexpr std::string_view kSigPrefix = ";chunk-signature=";

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

ChunkedPayloadVerifier::ChunkedPayloadVerifier(const crypto::Sha256Digest& signing_key,
                                               std::string amz_date, std::string scope,
                                               std::string seed_signature,
                                               std::optional<uint64_t> decoded_length)
    : signing_key_(signing_key),
      amz_date_(std::move(amz_date)),
      scope_(std::move(scope)),
      previous_signature_(std::move(seed_signature)),
      decoded_length_(decoded_length) {}

std::string ChunkedPayloadVerifier::ChunkSignature(const crypto::Sha256Digest& signing_key,
                                                   std::string_view amz_date,
                                                   std::string_view scope,
                                                   std::string_view previous_signature,
                                                   std::string_view chunk_data_sha256_hex) {
  std::string sts;
  sts.reserve(256);
  sts.append("AWS4-HMAC-SHA256-PAYLOAD\n");
  sts.append(amz_date);
  sts += '\n';
  sts.append(scope);
  sts += '\n';
  sts.append(previous_signature);
  sts += '\n';
  sts.append(kEmptySha256);
  sts += '\n';
  sts.append(chunk_data_sha256_hex);
  return crypto::HexEncode(crypto::AsView(crypto::HmacSha256(crypto::AsView(signing_key), sts)));
}

AuthStatus ChunkedPayloadVerifier::Fail(AuthFailure f) {
  state_ = State::kFailed;
  chunk_.clear();
  return AuthError(f);
}

AuthStatus ChunkedPayloadVerifier::ParseHeader() {
  // line_ is "<hex size>;chunk-signature=<64 hex>" without CRLF.
  size_t semi = line_.find(';');
  if (semi == 0 || semi == std::string::npos || semi > 8)
    return Fail(AuthFailure::kMalformedChunkedEncoding);
  size_t size = 0;
  for (size_t i = 0; i < semi; ++i) {
    int d = HexDigit(line_[i]);
    if (d < 0) return Fail(AuthFailure::kMalformedChunkedEncoding);
    size = size * 16 + static_cast<size_t>(d);
  }
  std::string_view rest = std::string_view(line_).substr(semi);
  if (rest.substr(0, kSigPrefix.size()) != kSigPrefix)
    return Fail(AuthFailure::kMalformedChunkedEncoding);
  rest.remove_prefix(kSigPrefix.size());
  if (!crypto::IsLowerHex(rest, 64)) return Fail(AuthFailure::kMalformedChunkedEncoding);
  if (size > kMaxChunkSize) return Fail(AuthFailure::kMalformedChunkedEncoding);
  chunk_signature_.assign(rest);
  chunk_size_ = size;
  chunk_.clear();
  chunk_.reserve(size);
  hasher_.Reset();
  line_.clear();
  return {};
}

AuthStatus ChunkedPayloadVerifier::CompleteChunk(std::string& out) {
  std::string expected =
      ChunkSignature(signing_key_, amz_date_, scope_, previous_signature_, hasher_.FinalHex());
  if (!crypto::ConstantTimeEquals(expected, chunk_signature_))
    return Fail(AuthFailure::kSignatureDoesNotMatch);
  previous_signature_ = std::move(expected);
  decoded_so_far_ += chunk_.size();
  if (decoded_length_ && decoded_so_far_ > *decoded_length_)
    return Fail(AuthFailure::kIncompleteBody);
  out.append(chunk_);
  chunk_.clear();
  return {};
}

AuthStatus ChunkedPayloadVerifier::Feed(std::string_view data, std::string& out) {
  while (!data.empty()) {
    switch (state_) {
      case State::kFailed:
        return AuthError(AuthFailure::kMalformedChunkedEncoding);
      case State::kDone:
        return Fail(AuthFailure::kMalformedChunkedEncoding);
      case State::kHeader: {
        size_t nl = data.find('\n');
        size_t take = nl == std::string_view::npos ? data.size() : nl + 1;
        line_.append(data.substr(0, take));
        data.remove_prefix(take);
        if (line_.size() > kMaxHeaderLine) return Fail(AuthFailure::kMalformedChunkedEncoding);
        if (nl == std::string_view::npos) break;
        if (line_.size() < 2 || line_[line_.size() - 2] != '\r')
          return Fail(AuthFailure::kMalformedChunkedEncoding);
        line_.resize(line_.size() - 2);
        if (auto s = ParseHeader(); !s.ok()) return s;
        state_ = chunk_size_ == 0 ? State::kFinalCrlf : State::kData;
        if (chunk_size_ == 0) {
          hasher_.Reset();
          if (auto s = CompleteChunk(out); !s.ok()) return s;
        }
        break;
      }
      case State::kData: {
        size_t take = std::min(data.size(), chunk_size_ - chunk_.size());
        hasher_.Update(data.substr(0, take));
        chunk_.append(data.substr(0, take));
        data.remove_prefix(take);
        if (chunk_.size() == chunk_size_) state_ = State::kDataCrlf;
        break;
      }
      case State::kDataCrlf:
      case State::kFinalCrlf: {
        line_ += data.front();
        data.remove_prefix(1);
        if (line_.size() < 2) break;
        if (line_ != "\r\n") return Fail(AuthFailure::kMalformedChunkedEncoding);
        line_.clear();
        if (state_ == State::kFinalCrlf) {
          state_ = State::kDone;
          break;
        }
        if (auto s = CompleteChunk(out); !s.ok()) return s;
        state_ = State::kHeader;
        break;
      }
    }
  }
  return {};
}

AuthStatus ChunkedPayloadVerifier::Finish() {
  if (state_ == State::kFailed) return AuthError(AuthFailure::kMalformedChunkedEncoding);
  if (state_ != State::kDone) return Fail(AuthFailure::kIncompleteBody);
  if (decoded_length_ && decoded_so_far_ != *decoded_length_)
    return Fail(AuthFailure::kIncompleteBody);
  return {};
}

}  // namespace rampart::sigv4
