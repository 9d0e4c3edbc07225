// SigV4 signing-key derivation and a bounded, thread-safe cache of derived keys.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "crypto/sha256.h"

namespace rampart::sigv4 {

// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request").
crypto::Sha256Digest DeriveSigningKey(std::string_view secret, std::string_view date,
                                      std::string_view region, std::string_view service);

// Caches kSigning per (secret fingerprint, date, region, service). The raw secret is never a
// key: entries are keyed by an HMAC of the secret under a per-process random key. Bounded by
// two generations of `capacity / 2` entries (the older generation is dropped when the newer
// fills), so the working set stays hot without an LRU list.
class SigningKeyCache {
 public:
  explicit SigningKeyCache(size_t capacity = 8192);
  SigningKeyCache(const SigningKeyCache&) = delete;
  SigningKeyCache& operator=(const SigningKeyCache&) = delete;

  crypto::Sha256Digest Get(std::string_view secret, std::string_view date, std::string_view region,
                           std::string_view service);
  size_t size() const;
  uint64_t hits() const;
  uint64_t misses() const;

 private:
  std::string CacheKey(std::string_view secret, std::string_view date, std::string_view region,
                       std::string_view service) const;

  const size_t generation_capacity_;
  std::string fingerprint_key_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, crypto::Sha256Digest> current_;
  std::unordered_map<std::string, crypto::Sha256Digest> previous_;
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
};

}  // namespace rampart::sigv4
