// Connection management, read transactions and group-committed writes for the SQLite store.
#include "storage/sqlite/sqlite_store.hpp"

#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_tx.hpp"

namespace licensor::storage::sqlite {
namespace {

// Bounds how long the first writer of a batch waits for the last one.
constexpr std::size_t kMaxBatch = 256;

// A callback that throws must not unwind through the batch leader (it would leave every later
// writer waiting) nor leave a transaction open: it fails like any other error.
Status RunGuarded(const core::Store::TxFunction& fn, core::StoreTx& tx) {
  try {
    return fn(tx);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("store transaction threw: ") + e.what());
  }
}

Status Step(Connection& conn, const char* sql) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn.Prepare(sql));
  return stmt.Run();
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, int readers,
                                                       std::size_t cache_bytes) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(cache_bytes));
  LICENSOR_ASSIGN_OR_RETURN(store->writer_, Connection::Open(path));
  LICENSOR_RETURN_IF_ERROR(Migrate(*store->writer_));
  for (int i = 0; i < std::max(1, readers); ++i) {
    LICENSOR_ASSIGN_OR_RETURN(auto reader, Connection::Open(path));
    store->idle_readers_.push_back(std::move(reader));
  }
  return store;
}

Status SqliteStore::Read(const TxFunction& fn) {
  std::unique_ptr<Connection> conn;
  {
    std::unique_lock lock(readers_mutex_);
    reader_available_.wait(lock, [&] { return !idle_readers_.empty(); });
    conn = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  // Taken before BEGIN: see ValidationCache for why this order keeps the cache exact.
  const std::uint64_t generation = cache_.generation();
  conn->BeginDeferred();
  SqliteTx tx(*conn, cache_, generation);
  Status status = RunGuarded(fn, tx);
  if (conn->EndDeferred()) {
    const Status ended = Step(*conn, "COMMIT");  // read-only: ending it is all COMMIT does
    if (status.ok()) status = ended;
  }
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(std::move(conn));
  }
  reader_available_.notify_one();
  return status;
}

Status SqliteStore::Write(const TxFunction& fn) {
  PendingWrite mine{&fn, Status::Ok()};
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&mine);
  while (!mine.done) {
    if (leader_active_) {
      batch_done_.wait(lock);
      continue;
    }
    // Become the leader: take up to kMaxBatch queued writes (ours among them) and run them.
    leader_active_ = true;
    const std::size_t n = std::min(queue_.size(), kMaxBatch);
    std::vector<PendingWrite*> batch(queue_.begin(), queue_.begin() + n);
    queue_.erase(queue_.begin(), queue_.begin() + n);
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    for (PendingWrite* w : batch) w->done = true;
    leader_active_ = false;
    batch_done_.notify_all();
  }
  return mine.status;
}

void SqliteStore::RunBatch(std::vector<PendingWrite*>& batch) {
  Connection& conn = *writer_;
  const Status begun = Step(conn, "BEGIN IMMEDIATE");
  if (!begun.ok()) {
    for (PendingWrite* w : batch) w->status = begun;
    return;
  }
  bool any_ok = false;
  CacheInvalidations invalidations;
  for (PendingWrite* w : batch) {
    Status s = Step(conn, "SAVEPOINT licensor_write");
    if (s.ok()) {
      SqliteTx tx(conn, invalidations);
      s = RunGuarded(*w->fn, tx);
      if (s.ok()) {
        s = Step(conn, "RELEASE licensor_write");
      } else {
        (void)Step(conn, "ROLLBACK TO licensor_write");
        (void)Step(conn, "RELEASE licensor_write");
      }
    }
    w->status = s;
    any_ok |= s.ok();
  }
  const Status committed = Step(conn, any_ok ? "COMMIT" : "ROLLBACK");
  if (!committed.ok()) {
    (void)Step(conn, "ROLLBACK");
    for (PendingWrite* w : batch) {
      if (w->status.ok()) w->status = committed;
    }
  }
  // Only now, after the commit, may cached views of the touched licenses go (see
  // ValidationCache). Rolled-back changes invalidate too, which is merely wasteful.
  if (invalidations.everything) {
    cache_.InvalidateAll();
  } else if (!invalidations.license_ids.empty()) {
    cache_.InvalidateLicenses(invalidations.license_ids);
  }
}

}  // namespace licensor::storage::sqlite
