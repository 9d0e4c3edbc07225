// Tests for configuration layering: TOML file, RAMPART_* environment, validation.
#include "server/config.h"

#include <gtest/gtest.h>

#include <fstream>

namespace rampart::server {
namespace {

TEST(ConfigTest, TomlThenEnvironment) {
  std::string path = ::testing::TempDir() + "/rampart_config_test.toml";
  {
    std::ofstream f(path);
    f << "listen = \"127.0.0.1:9000\"\ndev = true\nthreads = 3\ndata_dir = \"/tmp/x\"\n";
  }
  Config c;
  ASSERT_TRUE(ApplyToml(c, path).ok());
  EXPECT_EQ(c.Port(), 9000);
  EXPECT_EQ(c.Address(), "127.0.0.1");
  EXPECT_TRUE(c.dev);
  EXPECT_EQ(c.threads, 3u);
  std::string a = "RAMPART_LISTEN=127.0.0.1:9100", b = "RAMPART_ACCOUNT_ID=111122223333",
              other = "HOME=/root", foreign = "RAMPART_BIN=/usr/bin/rampart";
  char* env[] = {a.data(), b.data(), other.data(), foreign.data(), nullptr};
  ASSERT_TRUE(ApplyEnvironment(c, env).ok());
  EXPECT_EQ(c.Port(), 9100);
  EXPECT_EQ(c.account_id, "111122223333");
  EXPECT_TRUE(Validate(c).ok());
}

TEST(ConfigTest, BadValuesAreRejected) {
  Config c;
  EXPECT_FALSE(ApplyOption(c, "account-id", "12").ok());
  EXPECT_FALSE(ApplyOption(c, "threads", "many").ok());
  EXPECT_FALSE(ApplyOption(c, "dev", "maybe").ok());
  EXPECT_FALSE(ApplyOption(c, "no-such-option", "1").ok());
  EXPECT_FALSE(ApplyOption(c, "listen", "nohostport").ok());
  ASSERT_TRUE(ApplyOption(c, "dev-accept-any-credentials", "true").ok());
  EXPECT_FALSE(Validate(c).ok());  // requires dev
  ASSERT_TRUE(ApplyOption(c, "dev", "true").ok());
  EXPECT_TRUE(Validate(c).ok());
  ASSERT_TRUE(ApplyOption(c, "listen", "0.0.0.0:4566").ok());
  EXPECT_FALSE(Validate(c).ok());  // dev is loopback only
}

TEST(ConfigTest, MissingOrBrokenTomlFails) {
  Config c;
  EXPECT_FALSE(ApplyToml(c, "/nonexistent/rampart.toml").ok());
  std::string path = ::testing::TempDir() + "/rampart_bad.toml";
  {
    std::ofstream f(path);
    f << "listen = [1, 2\n";
  }
  EXPECT_FALSE(ApplyToml(c, path).ok());
}

}  // namespace
}  // namespace rampart::server
