// Typed condition values: numbers, dates, booleans, IP networks and base64 binaries.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace rampart::policy {

// `-?[0-9]+(\.[0-9]+)?`
bool ParseNumber(std::string_view s, long double* out);

// An instant with millisecond precision (seconds may be far outside the Unix range).
struct Instant {
  int64_t seconds = 0;
  int32_t millis = 0;
  auto operator<=>(const Instant&) const = default;
};

// ISO 8601 (YYYY-MM[-DD[Thh:mm[:ss[.f]][Z|±hh[:mm]|±hhmm]]]) or a non-negative integer epoch
// in seconds. Missing components default to the start of the period, UTC.
bool ParseDate(std::string_view s, Instant* out);

// "true" / "false", case-insensitive.
bool ParseBool(std::string_view s, bool* out);

// An IPv4 or IPv6 network (a bare address is a /32 or /128). Host bits are masked off.
struct IpNet {
  int family = 0;  // 4 or 6
  std::array<uint8_t, 16> addr{};
  int prefix = 0;
};
bool ParseCidr(std::string_view s, IpNet* out);
// A request address (an optional "/n" suffix is ignored).
bool ParseIpAddress(std::string_view s, IpNet* out);
bool NetContains(const IpNet& net, const IpNet& address);

// Standard base64 (padding optional); false on any other character.
bool DecodeBase64(std::string_view s, std::string* out);

}  // namespace rampart::policy
