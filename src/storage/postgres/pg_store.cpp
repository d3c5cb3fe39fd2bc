// Connection pool, transactions and the validation cache's invalidation for the PostgreSQL
// store.
#include "storage/postgres/pg_store.hpp"

#include "storage/postgres/pg_migrations.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/run_guarded.hpp"

namespace licensor::storage::postgres {
namespace {

constexpr int kWriteAttempts = 5;
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr const char* kChannel = "licensor_validation";
constexpr const char* kNotify = "SELECT pg_notify('licensor_validation', $1)";
constexpr const char* kEverything = "*";
// NOTIFY's payload must stay under 8000 bytes; a longer list is sent as "everything".
constexpr std::size_t kMaxPayload = 7000;
constexpr std::chrono::seconds kFirstListenWait{5};

// The NOTIFY payload naming what a write changed: license ids, comma-separated, or "*".
std::string PayloadOf(const CacheInvalidations& changed) {
  if (changed.everything) return kEverything;
  std::string payload;
  for (const std::string& id : changed.license_ids) {
    if (!payload.empty()) payload += ',';
    payload += id;
    if (payload.size() > kMaxPayload) return kEverything;
  }
  return payload;
}

}  // namespace

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url, int connections,
                                               std::size_t cache_bytes) {
  std::unique_ptr<PgStore> store(new PgStore(cache_bytes));
  store->url_ = url;
  for (int i = 0; i < std::max(1, connections); ++i) {
    LICENSOR_ASSIGN_OR_RETURN(auto conn, store->Connect());
    if (i == 0) LICENSOR_RETURN_IF_ERROR(Migrate(*conn));
    store->idle_.push_back(std::move(conn));
  }
  store->connections_ = static_cast<int>(store->idle_.size());
  store->cache_enabled_ = cache_bytes > 0;
  if (store->cache_enabled_) {
    PgStore* self = store.get();
    store->listener_ = std::make_unique<PgListener>(
        url, kChannel, [self](const auto& payloads) { self->Invalidated(payloads); },
        [self](bool listening) { self->ListeningChanged(listening); });
    // A node starts with its cache in use, unless the database will not take the LISTEN: it then
    // serves without the cache while the listener keeps trying.
    std::unique_lock lock(store->mutex_);
    store->listening_changed_.wait_for(lock, kFirstListenWait,
                                       [&] { return store->listening_.load(); });
  }
  return store;
}

PgStore::~PgStore() { listener_.reset(); }  // no notification arrives while the rest goes

core::StoreStats PgStore::Stats() {
  core::StoreStats stats;
  {
    std::lock_guard lock(mutex_);
    stats = core::PoolStats("postgres", connections_, idle_.size(), connection_waits_);
  }
  if (cache_enabled_) cache_.ReportTo(stats);
  stats.cache_listening = listening_.load();
  stats.cache_resets = cache_resets_.load();
  return stats;
}

Result<std::unique_ptr<PgConnection>> PgStore::Connect() {
  LICENSOR_ASSIGN_OR_RETURN(auto conn, PgConnection::Open(url_));
  std::lock_guard lock(mutex_);
  own_backends_.insert(conn->BackendPid());
  return conn;
}

void PgStore::Invalidated(const std::vector<PgConnection::Notification>& notifications) {
  std::vector<std::string> license_ids;
  std::unique_lock lock(mutex_);  // for own_backends_; released before the cache is touched
  for (const auto& [sender, payload] : notifications) {
    if (own_backends_.contains(sender)) continue;
    if (payload == kEverything) {
      lock.unlock();
      return cache_.InvalidateAll();
    }
    for (std::size_t begin = 0; begin <= payload.size();) {
      std::size_t end = payload.find(',', begin);
      if (end == std::string::npos) end = payload.size();
      if (end > begin) license_ids.push_back(payload.substr(begin, end - begin));
      begin = end + 1;
    }
  }
  lock.unlock();
  cache_.InvalidateLicenses(license_ids);
}

void PgStore::ListeningChanged(bool listening) {
  if (!listening) {
    // Changes from now on go unheard: stop using the cache at once.
    listening_.store(false);
    ++cache_resets_;
    cache_.InvalidateAll();
    return;
  }
  // Listening again (or for the first time): whatever changed while nobody listened is
  // forgotten with everything else before the cache is used again.
  cache_.InvalidateAll();
  {
    std::lock_guard lock(mutex_);
    listening_.store(true);
  }
  listening_changed_.notify_all();
}

Result<std::unique_ptr<PgConnection>> PgStore::Acquire() {
  std::unique_ptr<PgConnection> conn;
  {
    std::unique_lock lock(mutex_);
    if (idle_.empty()) ++connection_waits_;
    available_.wait(lock, [&] { return !idle_.empty(); });
    conn = std::move(idle_.back());
    idle_.pop_back();
  }
  if (conn->Broken()) {  // the server restarted or dropped us: reconnect once
    auto fresh = Connect();
    if (!fresh.ok()) {
      Release(std::move(conn));
      return fresh.status();
    }
    {
      // Its server process is gone, and its pid may come to serve another node.
      std::lock_guard lock(mutex_);
      own_backends_.erase(conn->BackendPid());
    }
    conn = std::move(fresh.value());
  }
  return conn;
}

void PgStore::Release(std::unique_ptr<PgConnection> conn) {
  if (!conn) return;
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

Status PgStore::Read(const TxFunction& fn) { return ReadWith(fn, true); }

Status PgStore::ReadWithoutWaiting(const TxFunction& fn) { return ReadWith(fn, false); }

Status PgStore::ReadWith(const TxFunction& fn, bool may_wait) {
  // Both before the transaction's first statement, which takes its snapshot: a view read
  // from a snapshot older than an invalidation is never kept (see ValidationCache).
  const bool use_cache = listening_.load();
  const std::uint64_t generation = cache_.generation();
  PgTxConnection conn([this] { return Acquire(); }, kBeginRead, may_wait);
  Status status;
  {
    PgTx tx(conn, use_cache ? &cache_ : nullptr, generation);
    status = RunGuarded(fn, tx);
  }
  const Status ended = conn.End(status.ok());
  if (status.ok()) status = ended;
  Release(conn.Release());
  return status;
}

Status PgStore::Write(const TxFunction& fn) {
  PgTxConnection conn([this] { return Acquire(); }, "BEGIN", true);
  Status status;
  for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
    CacheInvalidations changed;
    {
      PgTx tx(conn, changed);
      status = RunGuarded(fn, tx);
    }
    const bool notify = status.ok() && (changed.everything || !changed.license_ids.empty());
    if (notify) status = conn.Query(kNotify, PayloadOf(changed)).status();
    const Status ended = conn.End(status.ok());
    if (status.ok()) status = ended;
    // This node's readers do not wait for the notification, which the listener leaves out. A
    // failed commit may have committed all the same (its answer lost): invalidate then too.
    if (notify) cache_.Invalidate(changed);
    if (status.ok()) break;
    if (status.code() != ErrorCode::kUnavailable || conn.Broken()) break;
  }
  Release(conn.Release());
  return status;
}

}  // namespace licensor::storage::postgres
