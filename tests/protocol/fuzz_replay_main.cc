// Replays a fuzz target's seed corpus (FUZZ_CORPUS_DIR) through LLVMFuzzerTestOneInput.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

TEST(FuzzCorpusReplay, EveryInputRunsWithoutCrashing) {
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(FUZZ_CORPUS_DIR)) {
    std::ifstream f(entry.path(), std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size()), 0)
        << entry.path();
    // Truncations exercise the error paths of every prefix.
    for (size_t n = 0; n < data.size(); n += 7)
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), n);
    ++count;
  }
  EXPECT_GT(count, 0u);
}

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
