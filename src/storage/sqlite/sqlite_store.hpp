// The embedded SQLite store: one file, WAL, one writer at a time and a pool of readers.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/store.hpp"
#include "storage/sqlite/sqlite_db.hpp"

namespace licensor::storage::sqlite {

class SqliteStore final : public core::Store {
 public:
  // Opens or creates `path`, applies migrations, and opens `readers` reader connections.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, int readers);

  // Reads run in a deferred transaction on any free reader connection (a consistent snapshot).
  Status Read(const TxFunction& fn) override;
  // Writes are serialised in-process on the writer connection inside BEGIN IMMEDIATE, so an
  // invariant checked in the transaction (an activation cap) holds when it commits. Waiting on
  // a mutex beats SQLite's sleep-and-retry busy handler by far under contention.
  Status Write(const TxFunction& fn) override;

 private:
  SqliteStore() = default;
  Status RunInTransaction(Connection& conn, const char* begin, const TxFunction& fn);

  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;

  std::mutex readers_mutex_;
  std::condition_variable reader_available_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace licensor::storage::sqlite
