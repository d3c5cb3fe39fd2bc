// Connection pool and transactions for the PostgreSQL store.
#include "storage/postgres/pg_store.hpp"

#include "storage/postgres/pg_migrations.hpp"
#include "storage/postgres/pg_tx.hpp"

namespace licensor::storage::postgres {
namespace {

constexpr int kWriteAttempts = 5;

}  // namespace

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url, int connections) {
  std::unique_ptr<PgStore> store(new PgStore());
  store->url_ = url;
  for (int i = 0; i < std::max(1, connections); ++i) {
    LICENSOR_ASSIGN_OR_RETURN(auto conn, PgConnection::Open(url));
    if (i == 0) LICENSOR_RETURN_IF_ERROR(Migrate(*conn));
    store->idle_.push_back(std::move(conn));
  }
  store->connections_ = static_cast<int>(store->idle_.size());
  return store;
}

core::StoreStats PgStore::Stats() {
  std::lock_guard lock(mutex_);
  return core::PoolStats("postgres", connections_, idle_.size(), connection_waits_);
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
    auto fresh = PgConnection::Open(url_);
    if (!fresh.ok()) {
      Release(std::move(conn));
      return fresh.status();
    }
    conn = std::move(fresh.value());
  }
  return conn;
}

void PgStore::Release(std::unique_ptr<PgConnection> conn) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

Status PgStore::RunOnce(PgConnection& conn, const char* begin, bool write, const TxFunction& fn) {
  LICENSOR_RETURN_IF_ERROR(conn.Exec(begin));
  PgTx tx(conn, write);
  Status status;
  try {
    status = fn(tx);
  } catch (const std::exception& e) {
    status = Status::Internal(std::string("store transaction threw: ") + e.what());
  }
  if (status.ok()) status = conn.Exec("COMMIT");
  if (!status.ok()) (void)conn.Exec("ROLLBACK");
  return status;
}

Status PgStore::Read(const TxFunction& fn) {
  LICENSOR_ASSIGN_OR_RETURN(auto conn, Acquire());
  const Status status =
      RunOnce(*conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", false, fn);
  Release(std::move(conn));
  return status;
}

Status PgStore::Write(const TxFunction& fn) {
  LICENSOR_ASSIGN_OR_RETURN(auto conn, Acquire());
  Status status;
  for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
    status = RunOnce(*conn, "BEGIN", true, fn);
    if (status.code() != ErrorCode::kUnavailable || conn->Broken()) break;
  }
  Release(std::move(conn));
  return status;
}

}  // namespace licensor::storage::postgres
