#include "storage/sqlite/database_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace licensor::storage::sqlite {

Result<DatabaseLock> DatabaseLock::Take(const std::string& database_path) {
  const std::string lock_path = database_path + ".lock";
  DatabaseLock lock(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (lock.fd_ < 0) {
    return Status::Internal("cannot open " + lock_path + ": " + std::strerror(errno));
  }
  if (::flock(lock.fd_, LOCK_EX | LOCK_NB) != 0) {
    return Status::Unavailable("another licensord is serving " + database_path + " (it holds " +
                               lock_path +
                               "); stop it first, or give this one its own data directory");
  }
  return lock;
}

DatabaseLock& DatabaseLock::operator=(DatabaseLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace licensor::storage::sqlite
