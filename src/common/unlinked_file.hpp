// A file open for reading that is no longer in any directory: its bytes stay until the last
// descriptor closes, so nothing is left on disk however its reader ends (a backup whose
// download is cut off frees its space at once).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/status.hpp"

namespace licensor {

class UnlinkedFile {
 public:
  // Opens `path` for reading, then removes it from its directory. `path` is removed even when
  // it cannot be opened.
  static Result<std::shared_ptr<UnlinkedFile>> OpenAndUnlink(const std::string& path);
  ~UnlinkedFile();
  UnlinkedFile(const UnlinkedFile&) = delete;
  UnlinkedFile& operator=(const UnlinkedFile&) = delete;

  int fd() const { return fd_; }
  std::uint64_t size() const { return size_; }

 private:
  UnlinkedFile(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
  int fd_;
  std::uint64_t size_;
};

}  // namespace licensor
