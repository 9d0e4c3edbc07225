// Tests for the injectable clocks and the deterministic random source.
#include "common/clock.h"

#include <gtest/gtest.h>

#include "common/random.h"

namespace rampart {
namespace {

TEST(ManualClockTest, MovesOnlyWhenTold) {
  ManualClock clock(1000);
  EXPECT_EQ(clock.NowEpochMillis(), 1000);
  clock.Advance(std::chrono::seconds(2));
  EXPECT_EQ(clock.NowEpochMillis(), 3000);
  EXPECT_EQ(clock.NowEpochSeconds(), 3);
}

TEST(RandomTest, SeededIsDeterministicSecureIsNot) {
  SeededRandom a(7), b(7);
  EXPECT_EQ(a.Bytes(16), b.Bytes(16));
  SecureRandom s;
  EXPECT_NE(s.Bytes(16), s.Bytes(16));
}

}  // namespace
}  // namespace rampart
