// Parsers for typed condition values.
#include "policy/values.h"

#include <arpa/inet.h>

#include <cstring>

#include "policy/glob.h"

namespace rampart::policy {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at s[*i].
bool Digits(std::string_view s, size_t* i, int n, int* out) {
  if (*i + n > s.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool ParseEpoch(std::string_view s, Instant* out) {
  if (s.empty() || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > static_cast<uint64_t>(INT64_MAX)) return false;
  out->seconds = static_cast<int64_t>(v);
  out->millis = 0;
  return true;
}

bool ParseZone(std::string_view s, size_t* i, int* offset_seconds) {
  *offset_seconds = 0;
  if (*i == s.size()) return true;  // no zone: UTC
  char c = s[*i];
  if (c == 'Z' || c == 'z') {
    ++*i;
    return true;
  }
  if (c != '+' && c != '-') return false;
  ++*i;
  int hh = 0, mm = 0;
  if (!Digits(s, i, 2, &hh) || hh > 23) return false;
  if (*i < s.size() && s[*i] == ':') ++*i;
  if (*i < s.size() && !Digits(s, i, 2, &mm)) return false;
  if (mm > 59) return false;
  *offset_seconds = (hh * 3600 + mm * 60) * (c == '-' ? -1 : 1);
  return true;
}

}  // namespace

bool ParseNumber(std::string_view s, long double* out) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && s[i] == '-') {
    neg = true;
    ++i;
  }
  size_t int_start = i;
  long double v = 0;
  while (i < s.size() && IsDigit(s[i])) v = v * 10 + (s[i++] - '0');
  if (i == int_start) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t frac_start = i;
    long double scale = 0.1L;
    while (i < s.size() && IsDigit(s[i])) {
      v += (s[i++] - '0') * scale;
      scale /= 10;
    }
    if (i == frac_start) return false;
  }
  if (i != s.size()) return false;
  *out = neg ? -v : v;
  return true;
}

bool ParseDate(std::string_view s, Instant* out) {
  if (s.empty()) return false;
  bool all_digits = true;
  for (char c : s) all_digits = all_digits && IsDigit(c);
  if (all_digits) return ParseEpoch(s, out);

  size_t i = 0;
  bool neg = false;
  if (s[0] == '-' || s[0] == '+') {
    neg = s[0] == '-';
    ++i;
  }
  size_t ys = i;
  int64_t year = 0;
  while (i < s.size() && IsDigit(s[i]) && i - ys < 9) year = year * 10 + (s[i++] - '0');
  if (i - ys < 4) return false;
  if (neg) year = -year;
  if (year < -292275054 || year > 292278993) return false;
  int month = 1, day = 1, hh = 0, mi = 0, ss = 0, ms = 0;
  if (i < s.size()) {
    if (s[i] != '-') return false;
    ++i;
    if (!Digits(s, &i, 2, &month) || month < 1 || month > 12) return false;
  }
  if (i < s.size()) {
    if (s[i] != '-') return false;
    ++i;
    if (!Digits(s, &i, 2, &day) || day < 1 || day > 31) return false;
  }
  int offset = 0;
  if (i < s.size()) {
    if (s[i] != 'T' && s[i] != 't') return false;
    ++i;
    if (!Digits(s, &i, 2, &hh) || hh > 23) return false;
    if (i >= s.size() || s[i] != ':') return false;
    ++i;
    if (!Digits(s, &i, 2, &mi) || mi > 59) return false;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!Digits(s, &i, 2, &ss) || ss > 59) return false;
      if (i < s.size() && s[i] == '.') {
        ++i;
        size_t fs = i;
        int scale = 100;
        while (i < s.size() && IsDigit(s[i])) {
          ms += (s[i] - '0') * scale;
          scale /= 10;
          ++i;
        }
        if (i == fs) return false;
      }
    }
    if (!ParseZone(s, &i, &offset)) return false;
  }
  if (i != s.size()) return false;
  int64_t days = DaysFromCivil(year, month, day);
  out->seconds = days * 86400 + hh * 3600 + mi * 60 + ss - offset;
  out->millis = ms;
  return true;
}

bool ParseBool(std::string_view s, bool* out) {
  if (EqualsIgnoreCaseAscii(s, "true")) {
    *out = true;
    return true;
  }
  if (EqualsIgnoreCaseAscii(s, "false")) {
    *out = false;
    return true;
  }
  return false;
}

namespace {

// Dotted quad, four decimal parts 0..255 without leading zeros (like inet_pton).
bool ParseIpv4(std::string_view s, uint8_t* out) {
  int part = 0;
  size_t i = 0;
  while (part < 4) {
    size_t start = i;
    int v = 0;
    while (i < s.size() && IsDigit(s[i]) && i - start < 3) v = v * 10 + (s[i++] - '0');
    size_t len = i - start;
    if (len == 0 || v > 255 || (len > 1 && s[start] == '0')) return false;
    out[part++] = static_cast<uint8_t>(v);
    if (part < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

bool ParseAddress(std::string_view s, IpNet* out) {
  char buf[64];
  if (s.empty() || s.size() >= sizeof(buf)) return false;
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  out->addr.fill(0);
  if (s.find(':') == std::string_view::npos) {
    if (!ParseIpv4(s, out->addr.data())) return false;
    out->family = 4;
    out->prefix = 32;
    return true;
  }
  if (inet_pton(AF_INET6, buf, out->addr.data()) != 1) return false;
  out->family = 6;
  out->prefix = 128;
  return true;
}

void MaskHostBits(IpNet* net) {
  int bits = net->family == 4 ? 32 : 128;
  for (int b = net->prefix; b < bits; ++b) {
    net->addr[b / 8] &= static_cast<uint8_t>(~(0x80u >> (b % 8)));
  }
}

}  // namespace

bool ParseCidr(std::string_view s, IpNet* out) {
  size_t slash = s.find('/');
  if (!ParseAddress(s.substr(0, slash), out)) return false;
  if (slash != std::string_view::npos) {
    std::string_view p = s.substr(slash + 1);
    if (p.empty() || p.size() > 3) return false;
    int v = 0;
    for (char c : p) {
      if (!IsDigit(c)) return false;
      v = v * 10 + (c - '0');
    }
    if (v > (out->family == 4 ? 32 : 128)) return false;
    out->prefix = v;
  }
  MaskHostBits(out);
  return true;
}

bool ParseIpAddress(std::string_view s, IpNet* out) {
  return ParseAddress(s.substr(0, s.find('/')), out);
}

bool NetContains(const IpNet& net, const IpNet& a) {
  if (net.family != a.family) return false;
  int full = net.prefix / 8;
  if (std::memcmp(net.addr.data(), a.addr.data(), static_cast<size_t>(full)) != 0) return false;
  int rem = net.prefix % 8;
  if (rem == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xFFu << (8 - rem));
  return (net.addr[full] & mask) == (a.addr[full] & mask);
}

bool DecodeBase64(std::string_view s, std::string* out) {
  out->clear();
  uint32_t acc = 0;
  int bits = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] != '='; ++i) {
    char c = s[i];
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      v = c - '0' + 52;
    } else if (c == '+') {
      v = 62;
    } else if (c == '/') {
      v = 63;
    } else {
      return false;
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  size_t data_len = i;
  for (; i < s.size(); ++i) {
    if (s[i] != '=') return false;
  }
  if (data_len % 4 == 1) return false;
  if (s.size() != data_len && s.size() % 4 != 0) return false;
  return true;
}

}  // namespace rampart::policy
