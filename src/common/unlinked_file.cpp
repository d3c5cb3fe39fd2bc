#include "common/unlinked_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace licensor {

Result<std::shared_ptr<UnlinkedFile>> UnlinkedFile::OpenAndUnlink(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const int open_error = errno;
  ::unlink(path.c_str());
  if (fd < 0) return Status::Internal("cannot open " + path + ": " + std::strerror(open_error));
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int stat_error = errno;
    ::close(fd);
    return Status::Internal("cannot stat " + path + ": " + std::strerror(stat_error));
  }
  return std::shared_ptr<UnlinkedFile>(
      new UnlinkedFile(fd, static_cast<std::uint64_t>(info.st_size)));
}

UnlinkedFile::~UnlinkedFile() { ::close(fd_); }

}  // namespace licensor
