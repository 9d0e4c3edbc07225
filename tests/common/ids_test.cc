// Tests identifier generators: UUID v4 bits, access key and unique id shapes.
#include "common/ids.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "common/random.h"

namespace rampart {
namespace {

TEST(UuidTest, FormatAndBits) {
  SeededRandom rnd(1);
  std::regex re("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string u = NewUuid(rnd);
    EXPECT_TRUE(std::regex_match(u, re)) << u;
    seen.insert(u);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(IdsTest, AwsShapedIdentifiers) {
  SeededRandom rnd(2);
  std::regex akid("^AKIA[A-Z2-7]{16}$"), uid("^AIDA[A-Z0-9]{17}$"), secret("^[A-Za-z0-9+/]{40}$");
  for (int i = 0; i < 100; ++i) {
    EXPECT_TRUE(std::regex_match(NewAccessKeyId("AKIA", rnd), akid));
    EXPECT_TRUE(std::regex_match(NewUniqueId("AIDA", rnd), uid));
    EXPECT_TRUE(std::regex_match(NewSecretAccessKey(rnd), secret));
  }
}

}  // namespace
}  // namespace rampart
