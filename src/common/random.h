// Random seam: cryptographically secure bytes in production, deterministic in tests.
#pragma once

#include <cstdint>
#include <string>

namespace rampart {

class Random {
 public:
  virtual ~Random() = default;
  virtual void Fill(uint8_t* out, size_t n) = 0;

  std::string Bytes(size_t n) {
    std::string s(n, '\0');
    Fill(reinterpret_cast<uint8_t*>(s.data()), n);
    return s;
  }
  uint64_t Uint64() {
    uint64_t v = 0;
    Fill(reinterpret_cast<uint8_t*>(&v), sizeof v);
    return v;
  }
};

// OpenSSL RAND_bytes; aborts if the generator fails (never returns weak bytes).
class SecureRandom final : public Random {
 public:
  void Fill(uint8_t* out, size_t n) override;
};

// xorshift-based sequence from a seed; for tests only.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed ? seed : 0x9e3779b97f4a7c15ULL) {}
  void Fill(uint8_t* out, size_t n) override {
    for (size_t i = 0; i < n; ++i) {
      state_ ^= state_ << 13;
      state_ ^= state_ >> 7;
      state_ ^= state_ << 17;
      out[i] = static_cast<uint8_t>(state_);
    }
  }

 private:
  uint64_t state_;
};

}  // namespace rampart
