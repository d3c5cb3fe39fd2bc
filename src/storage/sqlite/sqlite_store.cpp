// Connection management, read transactions and group-committed writes for the SQLite store.
#include "storage/sqlite/sqlite_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "storage/run_guarded.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_tx.hpp"

namespace licensor::storage::sqlite {
namespace {

// Bounds how long the first writer of a batch waits for the last one.
constexpr std::size_t kMaxBatch = 256;

Status Step(Connection& conn, const char* sql) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn.Prepare(sql));
  return stmt.Run();
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, int readers,
                                                       std::size_t cache_bytes) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, cache_bytes));
  LICENSOR_ASSIGN_OR_RETURN(store->lock_, DatabaseLock::Take(path));
  LICENSOR_ASSIGN_OR_RETURN(store->writer_, Connection::Open(path));
  LICENSOR_RETURN_IF_ERROR(Migrate(*store->writer_));
  LICENSOR_ASSIGN_OR_RETURN(store->key_filter_, ActivationKeyFilter::Load(*store->writer_));
  for (int i = 0; i < std::max(1, readers); ++i) {
    LICENSOR_ASSIGN_OR_RETURN(auto reader, Connection::Open(path));
    store->idle_readers_.push_back(Reader{std::move(reader)});
  }
  store->readers_ = static_cast<int>(store->idle_readers_.size());
  return store;
}

SqliteStore::~SqliteStore() {
  // The connections close before the lock is let go; members would outlive this body.
  idle_readers_.clear();
  writer_.reset();
}

Result<std::shared_ptr<UnlinkedFile>> SqliteStore::Backup() {
  if (backup_running_.exchange(true)) {
    return Status::Conflict("a backup is being taken; try again when it is done");
  }
  struct Done {
    std::atomic<bool>& flag;
    ~Done() { flag = false; }
  } done{backup_running_};
  std::string copy_path = path_ + ".backup-XXXXXX";
  const int fd = ::mkstemp(copy_path.data());
  if (fd < 0) return Status::Internal("cannot create " + copy_path + ": " + std::strerror(errno));
  ::close(fd);
  auto source = Connection::Open(path_);
  const Status copied = source.ok() ? (*source)->BackUpTo(copy_path) : source.status();
  if (!copied.ok()) {
    ::unlink(copy_path.c_str());
    return copied;
  }
  return UnlinkedFile::OpenAndUnlink(copy_path);
}

core::StoreStats SqliteStore::Stats() {
  core::StoreStats stats;
  {
    std::lock_guard lock(readers_mutex_);
    stats = core::PoolStats("sqlite", readers_, idle_readers_.size(), reader_waits_);
  }
  cache_.ReportTo(stats);
  return stats;
}

Status SqliteStore::Read(const TxFunction& fn) {
  Reader reader;
  {
    std::unique_lock lock(readers_mutex_);
    if (idle_readers_.empty()) ++reader_waits_;
    reader_available_.wait(lock, [&] { return !idle_readers_.empty(); });
    reader = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  // Both before any BEGIN, and the generation first: a writer counts its commit before it
  // invalidates the cache, so a reader that sees the new generation also sees the new count
  // and never keeps a view from an older snapshot (see ValidationCache).
  const std::uint64_t generation = cache_.generation();
  const std::uint64_t commits = commits_.load(std::memory_order_acquire);
  Status status = Status::Ok();
  if (reader.open && reader.commits_seen != commits) status = EndRead(reader);
  if (!reader.open) {
    reader.conn->BeginDeferred();
    reader.commits_seen = commits;
  }
  if (status.ok()) {
    SqliteTx tx(*reader.conn, cache_, generation, *key_filter_);
    status = RunGuarded(fn, tx);
  }
  if (reader.conn->EndDeferred()) reader.open = true;
  // Kept open only while it is still the newest snapshot and the read went well.
  if (reader.open &&
      (!status.ok() || commits_.load(std::memory_order_acquire) != reader.commits_seen)) {
    const Status ended = EndRead(reader);
    if (status.ok()) status = ended;
  }
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(std::move(reader));
  }
  reader_available_.notify_one();
  return status;
}

Status SqliteStore::EndRead(Reader& reader) {
  if (!reader.open) return Status::Ok();
  reader.open = false;
  return Step(*reader.conn, "COMMIT");  // read-only: ending it is all COMMIT does
}

void SqliteStore::EndIdleReads() {
  std::lock_guard lock(readers_mutex_);
  for (Reader& reader : idle_readers_) (void)EndRead(reader);
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
      SqliteTx tx(conn, invalidations, *key_filter_);
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
  // Counted before the cache is invalidated (see Read). Readers in flight end their snapshot
  // when they finish; idle ones end it now.
  commits_.fetch_add(1, std::memory_order_acq_rel);
  EndIdleReads();
  // Only now, after the commit, may cached views of the touched licenses go (see
  // ValidationCache). Rolled-back changes invalidate too, which is merely wasteful.
  cache_.Invalidate(invalidations);
}

}  // namespace licensor::storage::sqlite
