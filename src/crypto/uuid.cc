// UUID v4: 122 random bits with the version (4) and RFC 4122 variant bits set.
#include "crypto/uuid.h"

#include <array>
#include <cstdint>

namespace rampart::crypto {

std::string UuidV4(Random& random) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::array<uint8_t, 16> b{};
  random.Fill(b.data(), b.size());
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kDigits[b[i] >> 4];
    out += kDigits[b[i] & 0x0f];
  }
  return out;
}

}  // namespace rampart::crypto
