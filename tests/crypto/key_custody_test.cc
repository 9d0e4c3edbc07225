// Tests RootKeyCustody purpose separation and FileKeyCustody key generation/loading.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/random.h"
#include "crypto/file_key_custody.h"
#include "crypto/root_key_custody.h"

namespace rampart::crypto {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "rampart-kc-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) ? tmpl : "";
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(RootKeyCustodyTest, SealUnsealAndPurposeSeparation) {
  SeededRandom rnd(3);
  RootKeyCustody kc(std::string(32, 'k'), rnd);
  auto sealed = kc.Seal("wJalrXUtnFEMI", "iam/secret/AKIA1");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->find("wJalr"), std::string::npos);
  auto back = kc.Unseal(*sealed, "iam/secret/AKIA1");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, "wJalrXUtnFEMI");
  EXPECT_FALSE(kc.Unseal(*sealed, "iam/secret/AKIA2").ok());
  RootKeyCustody other(std::string(32, 'j'), rnd);
  EXPECT_FALSE(other.Unseal(*sealed, "iam/secret/AKIA1").ok());
}

TEST(RootKeyCustodyTest, RejectsBadRootKey) {
  SeededRandom rnd(3);
  RootKeyCustody kc("short", rnd);
  EXPECT_FALSE(kc.Seal("x", "a").ok());
}

TEST(FileKeyCustodyTest, GeneratesThenReloadsSameKey) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  SecureRandom rnd;
  std::string sealed;
  {
    auto kc = FileKeyCustody::Open(dir.path(), rnd);
    ASSERT_TRUE(kc.ok()) << kc.error().message;
    auto s = (*kc)->Seal("secret", "purpose");
    ASSERT_TRUE(s.ok());
    sealed = *s;
  }
  std::string key_path = dir.path() + "/root.key";
  struct stat st {};
  ASSERT_EQ(::stat(key_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 32);
  for (const auto& e : fs::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename(), "root.key");  // no temp file left behind
  auto kc2 = FileKeyCustody::Open(dir.path(), rnd);
  ASSERT_TRUE(kc2.ok());
  auto back = (*kc2)->Unseal(sealed, "purpose");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, "secret");
}

TEST(FileKeyCustodyTest, RejectsWrongSizeAndLoosePermissions) {
  TempDir dir;
  SecureRandom rnd;
  std::string key_path = dir.path() + "/root.key";
  {
    std::ofstream f(key_path, std::ios::binary);
    f << "too short";
  }
  ::chmod(key_path.c_str(), 0600);
  EXPECT_FALSE(FileKeyCustody::Open(dir.path(), rnd).ok());
  {
    std::ofstream f(key_path, std::ios::binary | std::ios::trunc);
    f << std::string(32, 'a');
  }
  ::chmod(key_path.c_str(), 0644);
  EXPECT_FALSE(FileKeyCustody::Open(dir.path(), rnd).ok());
  ::chmod(key_path.c_str(), 0600);
  EXPECT_TRUE(FileKeyCustody::Open(dir.path(), rnd).ok());
}

TEST(FileKeyCustodyTest, MissingDirectoryIsAnError) {
  SecureRandom rnd;
  EXPECT_FALSE(FileKeyCustody::Open("/nonexistent/rampart/dir", rnd).ok());
}

}  // namespace
}  // namespace rampart::crypto
