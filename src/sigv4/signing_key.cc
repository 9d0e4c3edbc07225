// Signing-key derivation and its two-generation cache.
#include "sigv4/signing_key.h"

#include <openssl/crypto.h>

#include "common/random.h"
#include "crypto/hmac.h"

namespace rampart::sigv4 {

crypto::Sha256Digest DeriveSigningKey(std::string_view secret, std::string_view date,
                                      std::string_view region, std::string_view service) {
  std::string k = "AWS4";
  k.append(secret);
  crypto::Sha256Digest k_date = crypto::HmacSha256(k, date);
  OPENSSL_cleanse(k.data(), k.size());
  crypto::Sha256Digest k_region = crypto::HmacSha256(crypto::AsView(k_date), region);
  crypto::Sha256Digest k_service = crypto::HmacSha256(crypto::AsView(k_region), service);
  return crypto::HmacSha256(crypto::AsView(k_service), "aws4_request");
}

SigningKeyCache::SigningKeyCache(size_t capacity)
    : generation_capacity_(capacity < 2 ? 1 : capacity / 2) {
  SecureRandom rnd;
  fingerprint_key_ = rnd.Bytes(32);
}

std::string SigningKeyCache::CacheKey(std::string_view secret, std::string_view date,
                                      std::string_view region, std::string_view service) const {
  std::string key(crypto::AsView(crypto::HmacSha256(fingerprint_key_, secret)));
  // Lengths are prefixed so distinct tuples never collide.
  for (std::string_view part : {date, region, service}) {
    key += static_cast<char>(part.size() & 0xff);
    key += static_cast<char>((part.size() >> 8) & 0xff);
    key.append(part);
  }
  return key;
}

crypto::Sha256Digest SigningKeyCache::Get(std::string_view secret, std::string_view date,
                                          std::string_view region, std::string_view service) {
  std::string key = CacheKey(secret, date, region, service);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = current_.find(key); it != current_.end()) {
      ++hits_;
      return it->second;
    }
    if (auto it = previous_.find(key); it != previous_.end()) {
      ++hits_;
      crypto::Sha256Digest v = it->second;
      previous_.erase(it);
      if (current_.size() >= generation_capacity_) {
        previous_.swap(current_);
        current_.clear();
      }
      current_.emplace(std::move(key), v);
      return v;
    }
    ++misses_;
  }
  crypto::Sha256Digest derived = DeriveSigningKey(secret, date, region, service);
  std::lock_guard<std::mutex> lock(mu_);
  if (current_.size() >= generation_capacity_) {
    previous_.swap(current_);
    current_.clear();
  }
  current_.emplace(std::move(key), derived);
  return derived;
}

size_t SigningKeyCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_.size() + previous_.size();
}

uint64_t SigningKeyCache::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

uint64_t SigningKeyCache::misses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return misses_;
}

}  // namespace rampart::sigv4
