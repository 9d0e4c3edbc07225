// Tests UUID v4 formatting, version/variant bits and uniqueness.
#include "crypto/uuid.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "common/random.h"

namespace rampart::crypto {
namespace {

TEST(UuidTest, FormatAndBits) {
  SeededRandom rnd(1);
  std::regex re("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string u = UuidV4(rnd);
    EXPECT_TRUE(std::regex_match(u, re)) << u;
    seen.insert(u);
  }
  EXPECT_EQ(seen.size(), 200u);
}

}  // namespace
}  // namespace rampart::crypto
