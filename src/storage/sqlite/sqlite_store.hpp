// The embedded SQLite store: one file, WAL, one writer at a time and a pool of readers.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/store.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/validation_cache.hpp"

namespace licensor::storage::sqlite {

class SqliteStore final : public core::Store {
 public:
  static constexpr std::size_t kDefaultCacheBytes = 64 << 20;

  // Opens or creates `path`, applies migrations, and opens `readers` reader connections; the
  // validation cache holds at most `cache_bytes`.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, int readers,
                                                   std::size_t cache_bytes = kDefaultCacheBytes);

  // Reads run in a deferred transaction on any free reader connection (a consistent snapshot).
  Status Read(const TxFunction& fn) override;

  // Writes use group commit. Transactions that arrive while another batch is committing are
  // queued; the next leader runs the queued ones one after another on the single writer
  // connection, each inside its own SAVEPOINT (a failing one is rolled back alone), then
  // commits them all with one fsync. Every caller returns only after that commit, so an
  // acknowledged write is durable, and because the batch runs serially, an invariant checked
  // inside a transaction (an activation cap) still holds when it commits.
  Status Write(const TxFunction& fn) override;

  // WAL readers never wait for the writer, and hot rows come from memory.
  bool ReadsMayBlock() const override { return false; }

 private:
  struct PendingWrite {
    const TxFunction* fn;
    Status status;
    bool done = false;
  };

  explicit SqliteStore(std::size_t cache_bytes) : cache_(cache_bytes) {}
  void RunBatch(std::vector<PendingWrite*>& batch);

  ValidationCache cache_;

  std::unique_ptr<Connection> writer_;  // used only by the current batch leader
  std::mutex queue_mutex_;
  std::condition_variable batch_done_;
  std::vector<PendingWrite*> queue_;
  bool leader_active_ = false;

  std::mutex readers_mutex_;
  std::condition_variable reader_available_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace licensor::storage::sqlite
