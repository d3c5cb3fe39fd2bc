// The lock a process holds on an SQLite store's file while it serves or restores it: the
// validation cache, the key filter and kept snapshots are exact only while one process writes
// the database, and a restore must not replace a file that is being served.
#pragma once

#include <string>

#include "common/status.hpp"

namespace licensor::storage::sqlite {

class DatabaseLock {
 public:
  // Takes DATABASE.lock; kUnavailable while another process holds it.
  static Result<DatabaseLock> Take(const std::string& database_path);
  DatabaseLock(DatabaseLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  DatabaseLock& operator=(DatabaseLock&& other) noexcept;
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;
  ~DatabaseLock();

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace licensor::storage::sqlite
