// The embedded SQLite store: one file, WAL, one writer at a time and a pool of readers.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/store.hpp"
#include "storage/sqlite/activation_key_filter.hpp"
#include "storage/sqlite/database_lock.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "storage/validation_cache.hpp"

namespace licensor::storage::sqlite {

class SqliteStore final : public core::Store {
 public:
  static constexpr std::size_t kDefaultCacheBytes = 64 << 20;

  // Opens or creates `path`, applies migrations, and opens `readers` reader connections; the
  // validation cache holds at most `cache_bytes`.
  // Refused (kUnavailable) while another store has the same file open.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, int readers,
                                                   std::size_t cache_bytes = kDefaultCacheBytes);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // Reads run in a deferred transaction on any free reader connection (a consistent snapshot).
  // The transaction outlives the read while no write commits: the next read on that connection
  // uses the same snapshot, which is still the newest, and spares the BEGIN, COMMIT and file
  // locks that cost more than a validation's lookups. The first commit after ends it.
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
  // One process at a time: licensord holds a lock on the file (storage/sqlite/database_lock).
  bool SharedByNodes() const override { return false; }

  // SQLite's online backup API, from a connection of its own, in one step: the copy is one
  // read transaction's snapshot, and the writer goes on meanwhile (WAL). The copy is made in
  // the database's directory, which holds the space for it, and unlinked once open.
  Result<std::shared_ptr<UnlinkedFile>> Backup() override;
  // Reader connections in use; the writer is not pooled (group commit queues for it).
  core::StoreStats Stats() override;

 private:
  struct PendingWrite {
    const TxFunction* fn;
    Status status;
    bool done = false;
  };

  // A reader connection and the read transaction it may hold open between reads.
  struct Reader {
    std::unique_ptr<Connection> conn;
    bool open = false;               // a read transaction is begun and not yet ended
    std::uint64_t commits_seen = 0;  // commits_ just before it began
  };

  SqliteStore(std::string path, std::size_t cache_bytes)
      : path_(std::move(path)), cache_(cache_bytes) {}
  void RunBatch(std::vector<PendingWrite*>& batch);
  // Ends the reader's open transaction, if any.
  static Status EndRead(Reader& reader);
  // Ends the transactions idle readers hold, so none keeps an old snapshot (and the WAL frames
  // a checkpoint would otherwise free) after a commit.
  void EndIdleReads();

  // Held for the store's life: the cache, the key filter and kept snapshots are exact only
  // while this process is the database's one writer, so a second licensord on the same file
  // is refused at open instead of serving stale answers.
  std::optional<DatabaseLock> lock_;
  const std::string path_;
  // One backup at a time: each holds a copy of the whole database on disk.
  std::atomic<bool> backup_running_{false};
  ValidationCache cache_;
  std::unique_ptr<ActivationKeyFilter> key_filter_;  // filled at open, then by the writer

  std::unique_ptr<Connection> writer_;  // used only by the current batch leader
  std::mutex queue_mutex_;
  std::condition_variable batch_done_;
  std::vector<PendingWrite*> queue_;
  bool leader_active_ = false;

  std::mutex readers_mutex_;
  std::condition_variable reader_available_;
  std::vector<Reader> idle_readers_;
  int readers_ = 0;                 // every reader connection, idle or not
  std::uint64_t reader_waits_ = 0;  // under readers_mutex_: reads that found no idle reader
  // Writes committed (or rolled back) since the store opened; a reader's open transaction is
  // reused only while this has not moved.
  std::atomic<std::uint64_t> commits_{0};
};

}  // namespace licensor::storage::sqlite
