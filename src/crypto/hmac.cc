// HMAC-SHA256 computed as H((K^opad) || H((K^ipad) || m)).
#include "crypto/hmac.h"

#include <openssl/crypto.h>

#include <array>

#include "crypto/hex.h"

namespace rampart::crypto {

namespace {
constexpr size_t kBlock = 64;
}  // namespace

Sha256Digest HmacSha256(std::string_view key, std::string_view data) {
  std::array<uint8_t, kBlock> k{};
  if (key.size() > kBlock) {
    Sha256Digest kd = Sha256(key);
    std::copy(kd.begin(), kd.end(), k.begin());
  } else {
    std::copy(key.begin(), key.end(), k.begin());
  }
  std::array<char, kBlock> pad{};
  for (size_t i = 0; i < kBlock; ++i) pad[i] = static_cast<char>(k[i] ^ 0x36);
  // One hasher per thread: HMAC sits on every request's hot path.
  thread_local Sha256Hasher h;
  h.Reset();
  h.Update(std::string_view(pad.data(), kBlock));
  h.Update(data);
  Sha256Digest inner = h.Final();
  for (size_t i = 0; i < kBlock; ++i) pad[i] = static_cast<char>(k[i] ^ 0x5c);
  h.Reset();
  h.Update(std::string_view(pad.data(), kBlock));
  h.Update(AsView(inner));
  Sha256Digest out = h.Final();
  OPENSSL_cleanse(k.data(), k.size());
  OPENSSL_cleanse(pad.data(), pad.size());
  return out;
}

std::string HmacSha256Bytes(std::string_view key, std::string_view data) {
  return std::string(AsView(HmacSha256(key, data)));
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  return HexEncode(AsView(HmacSha256(key, data)));
}

}  // namespace rampart::crypto
