// Connection management and transactions for the SQLite store.
#include "storage/sqlite/sqlite_store.hpp"

#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_tx.hpp"

namespace licensor::storage::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, int readers) {
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  LICENSOR_ASSIGN_OR_RETURN(store->writer_, Connection::Open(path));
  LICENSOR_RETURN_IF_ERROR(Migrate(*store->writer_));
  for (int i = 0; i < std::max(1, readers); ++i) {
    LICENSOR_ASSIGN_OR_RETURN(auto reader, Connection::Open(path));
    store->idle_readers_.push_back(std::move(reader));
  }
  return store;
}

Status SqliteStore::RunInTransaction(Connection& conn, const char* begin, const TxFunction& fn) {
  LICENSOR_RETURN_IF_ERROR(conn.Exec(begin));
  SqliteTx tx(conn);
  Status status = fn(tx);
  if (status.ok()) status = conn.Exec("COMMIT");
  if (!status.ok()) (void)conn.Exec("ROLLBACK");
  return status;
}

Status SqliteStore::Read(const TxFunction& fn) {
  std::unique_ptr<Connection> conn;
  {
    std::unique_lock lock(readers_mutex_);
    reader_available_.wait(lock, [&] { return !idle_readers_.empty(); });
    conn = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  Status status = RunInTransaction(*conn, "BEGIN", fn);
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(std::move(conn));
  }
  reader_available_.notify_one();
  return status;
}

Status SqliteStore::Write(const TxFunction& fn) {
  std::lock_guard lock(writer_mutex_);
  return RunInTransaction(*writer_, "BEGIN IMMEDIATE", fn);
}

}  // namespace licensor::storage::sqlite
