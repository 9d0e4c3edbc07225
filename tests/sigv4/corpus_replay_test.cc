// Replays every file of fuzz/sigv4/corpus through the fuzz entry point: nothing may crash.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

TEST(Sigv4CorpusReplayTest, EveryCorpusFileRuns) {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(RAMPART_SIGV4_CORPUS_DIR)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream f(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    std::string data = ss.str();
    SCOPED_TRACE(entry.path().string());
    EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size()),
              0);
    ++files;
  }
  EXPECT_GE(files, 10u);
}

TEST(Sigv4CorpusReplayTest, SurvivesMutationsOfCorpus) {
  // A cheap deterministic mutation pass so the replay covers more than the seeds.
  uint64_t state = 0x243f6a8885a308d3ULL;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (const auto& entry : std::filesystem::directory_iterator(RAMPART_SIGV4_CORPUS_DIR)) {
    std::ifstream f(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    std::string seed = ss.str();
    for (int i = 0; i < 200; ++i) {
      std::string m = seed;
      int edits = 1 + static_cast<int>(next() % 4);
      for (int e = 0; e < edits; ++e) {
        uint64_t r = next();
        size_t pos = m.empty() ? 0 : r % m.size();
        switch ((r >> 32) % 3) {
          case 0:
            if (!m.empty()) m[pos] = static_cast<char>(next());
            break;
          case 1:
            m.insert(pos, 1, "\n\r%=&;,/ :"[next() % 10]);
            break;
          default:
            if (!m.empty()) m.erase(pos, 1 + next() % 8);
        }
      }
      ASSERT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(m.data()), m.size()), 0);
    }
  }
}

}  // namespace
