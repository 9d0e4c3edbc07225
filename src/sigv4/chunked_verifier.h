// Streaming decoder/verifier for S3 aws-chunked bodies signed per chunk (spec §7.10).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/sha256.h"
#include "sigv4/auth_error.h"

namespace rampart::sigv4 {

// Handles STREAMING-AWS4-HMAC-SHA256-PAYLOAD (no trailers). Feed encoded bytes in any split;
// each chunk's data is appended to `out` only after its signature has been verified. Any error
// is final: discard everything decoded so far. Trailer variants are not supported yet.
class ChunkedPayloadVerifier {
 public:
  static constexpr size_t kMaxChunkSize = 16 * 1024 * 1024;
  static constexpr size_t kMaxHeaderLine = 4096;

  ChunkedPayloadVerifier(const crypto::Sha256Digest& signing_key, std::string amz_date,
                         std::string scope, std::string seed_signature,
                         std::optional<uint64_t> decoded_length = std::nullopt);

  AuthStatus Feed(std::string_view data, std::string& out);
  // Call once the body has ended: the final chunk must have arrived and lengths must match.
  AuthStatus Finish();
  bool done() const { return state_ == State::kDone; }

  // Chunk signature for (previous signature, chunk data); exposed for signers and tests.
  static std::string ChunkSignature(const crypto::Sha256Digest& signing_key,
                                    std::string_view amz_date, std::string_view scope,
                                    std::string_view previous_signature,
                                    std::string_view chunk_data_sha256_hex);

 private:
  enum class State { kHeader, kData, kDataCrlf, kFinalCrlf, kDone, kFailed };

  AuthStatus Fail(AuthFailure f);
  AuthStatus ParseHeader();
  AuthStatus CompleteChunk(std::string& out);

  crypto::Sha256Digest signing_key_;
  std::string amz_date_;
  std::string scope_;
  std::string previous_signature_;
  std::optional<uint64_t> decoded_length_;
  uint64_t decoded_so_far_ = 0;

  State state_ = State::kHeader;
  std::string line_;
  std::string chunk_signature_;
  size_t chunk_size_ = 0;
  std::string chunk_;
  crypto::Sha256Hasher hasher_;
};

}  // namespace rampart::sigv4
