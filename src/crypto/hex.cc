// Hex codec used for digests, signatures and key fingerprints.
#include "crypto/hex.h"

namespace rampart::crypto {

namespace {
constexpr char kDigits[] = "0123456789abcdef";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

void HexEncodeTo(std::string_view data, std::string& out) {
  size_t pos = out.size();
  out.resize(pos + data.size() * 2);
  for (unsigned char c : data) {
    out[pos++] = kDigits[c >> 4];
    out[pos++] = kDigits[c & 0x0f];
  }
}

std::string HexEncode(std::string_view data) {
  std::string out;
  HexEncodeTo(data, out);
  return out;
}

Result<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return AwsError::Sender("InvalidEncoding", "Hex input has odd length.");
  std::string out(hex.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = HexValue(hex[2 * i]);
    int lo = HexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return AwsError::Sender("InvalidEncoding", "Invalid hex character.");
    out[i] = static_cast<char>((hi << 4) | lo);
  }
  return out;
}

bool IsLowerHex(std::string_view s, size_t len) {
  if (s.size() != len) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace rampart::crypto
