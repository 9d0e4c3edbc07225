// Replays every file of fuzz/policy/corpus through the fuzz entry point (parser + evaluator).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "policy/json.h"
#include "policy/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(CorpusReplay, EveryFileParsesOrFailsCleanly) {
  std::filesystem::path dir(RAMPART_POLICY_CORPUS_DIR);
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string data = ReadFile(entry.path());
    SCOPED_TRACE(entry.path().filename().string());
    EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size()),
              0);
    ++count;
  }
  EXPECT_GE(count, 20u);
}

// Spot checks that the corpus seeds mean what their names say.
TEST(CorpusReplay, SeedsHaveExpectedVerdicts) {
  std::filesystem::path dir(RAMPART_POLICY_CORPUS_DIR);
  using rampart::policy::PolicyType;
  auto parse = [&](const char* name, PolicyType type) {
    return rampart::policy::ParsePolicy(ReadFile(dir / name), type).ok();
  };
  EXPECT_TRUE(parse("identity_basic.json", PolicyType::kIdentity));
  EXPECT_TRUE(parse("identity_conditions.json", PolicyType::kIdentity));
  EXPECT_TRUE(parse("trust_policy.json", PolicyType::kTrust));
  EXPECT_TRUE(parse("kms_key_policy.json", PolicyType::kResource));
  EXPECT_TRUE(parse("scp.json", PolicyType::kScp));
  EXPECT_FALSE(parse("malformed_truncated.json", PolicyType::kIdentity));
  EXPECT_FALSE(parse("malformed_duplicate_key.json", PolicyType::kIdentity));
  EXPECT_FALSE(parse("invalid_utf8_string.json", PolicyType::kIdentity));
  EXPECT_FALSE(parse("deep_nesting_arrays.json", PolicyType::kIdentity));
  EXPECT_FALSE(parse("deep_nesting_unclosed.json", PolicyType::kIdentity));
  EXPECT_FALSE(parse("wildcard_bytes.json", PolicyType::kIdentity));
  EXPECT_TRUE(parse("huge_action_array.json", PolicyType::kIdentity));
}

}  // namespace
