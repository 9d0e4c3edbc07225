// Loading and first-run generation of the on-disk root key for FileKeyCustody.
#include "crypto/file_key_custody.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "crypto/aes_gcm.h"

namespace rampart::crypto {

namespace {

AwsError Failure(const std::string& what) { return AwsError::Internal("Key custody: " + what); }

bool WriteAll(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

bool FsyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

Status Generate(const std::string& dir, const std::string& path, Random& random) {
  std::string key = random.Bytes(kAesKeySize);
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Failure("cannot create root key file in " + dir);
  bool ok = ::fchmod(fd, 0600) == 0 && WriteAll(fd, key) && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  OPENSSL_cleanse(key.data(), key.size());
  // link() fails if another process created the key first; theirs wins and we load it.
  if (ok && ::link(tmp.c_str(), path.c_str()) != 0 && errno != EEXIST) ok = false;
  ::unlink(tmp.c_str());
  if (!ok) return Failure("cannot write root key file in " + dir);
  if (!FsyncDir(dir)) return Failure("cannot sync data directory " + dir);
  return Status::Ok();
}

Result<std::string> Load(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return Failure("cannot open root key file " + path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Failure("root key path is not a regular file: " + path);
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return Failure("root key file must not be accessible by group or others: " + path);
  }
  std::string key(kAesKeySize + 1, '\0');
  size_t got = 0;
  while (got < key.size()) {
    ssize_t n = ::read(fd, key.data() + got, key.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  if (got != kAesKeySize) {
    OPENSSL_cleanse(key.data(), key.size());
    return Failure("root key file must hold exactly 32 bytes: " + path);
  }
  key.resize(kAesKeySize);
  return key;
}

}  // namespace

Result<std::unique_ptr<FileKeyCustody>> FileKeyCustody::Open(const std::string& data_dir,
                                                             Random& random) {
  std::string path = data_dir + "/" + kFileName;
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return Failure("cannot stat root key file " + path);
    RAMPART_TRY(Generate(data_dir, path, random));
  }
  RAMPART_ASSIGN_OR_RETURN(std::string key, Load(path));
  return std::make_unique<FileKeyCustody>(Token{}, std::move(key), random);
}

}  // namespace rampart::crypto
