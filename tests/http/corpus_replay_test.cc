// Replays every file of the HTTP fuzz corpus through the fuzz target's code path.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/request_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace rampart::http {
namespace {

TEST(HttpFuzzCorpusTest, EveryCorpusFileReplaysWithoutCrashing) {
  namespace fs = std::filesystem;
  size_t files = 0, parsed = 0;
  for (const auto& entry : fs::directory_iterator(RAMPART_HTTP_CORPUS_DIR)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()),
              0);
    if (ParseRequest(bytes, {}).ok()) ++parsed;
    ++files;
  }
  EXPECT_GE(files, 5u);
  EXPECT_GE(parsed, 3u);  // the corpus holds valid requests, not only garbage
}

}  // namespace
}  // namespace rampart::http
