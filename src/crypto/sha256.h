// SHA-256 digests: one-shot helpers and an incremental hasher.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace rampart::crypto {

inline constexpr size_t kSha256Size = 32;
using Sha256Digest = std::array<uint8_t, kSha256Size>;

// Raw 32-byte digest of `data`.
Sha256Digest Sha256(std::string_view data);
// Digest as a 32-byte binary string.
std::string Sha256Bytes(std::string_view data);
// Lowercase hex of the digest (64 characters).
std::string Sha256Hex(std::string_view data);

// Incremental hasher; Final() may be called once, after which Reset() is required.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void Update(std::string_view data);
  Sha256Digest Final();
  std::string FinalHex();
  void Reset();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

}  // namespace rampart::crypto
