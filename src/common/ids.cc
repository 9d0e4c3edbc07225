// Identifier generators drawing from an injected Random.
#include "common/ids.h"

#include <cstdio>

namespace rampart {

namespace {

std::string FromAlphabet(std::string_view prefix, size_t n, std::string_view alphabet,
                         Random& random) {
  std::string out(prefix);
  out.reserve(prefix.size() + n);
  // Rejection sampling keeps every character equally likely.
  const unsigned limit = 256 - (256 % alphabet.size());
  while (out.size() < prefix.size() + n) {
    uint8_t b[32];
    random.Fill(b, sizeof b);
    for (uint8_t c : b) {
      if (c >= limit) continue;
      out += alphabet[c % alphabet.size()];
      if (out.size() == prefix.size() + n) break;
    }
  }
  return out;
}

}  // namespace

std::string NewUniqueId(std::string_view prefix, Random& random) {
  return FromAlphabet(prefix, 17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", random);
}

std::string NewAccessKeyId(std::string_view prefix, Random& random) {
  return FromAlphabet(prefix, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", random);
}

std::string NewSecretAccessKey(Random& random) {
  return FromAlphabet("", 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
                      random);
}

std::string NewUuid(Random& random) {
  uint8_t b[16];
  random.Fill(b, sizeof b);
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

}  // namespace rampart
