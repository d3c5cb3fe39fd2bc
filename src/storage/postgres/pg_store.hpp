// The PostgreSQL store: several licensord nodes share one database.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/store.hpp"
#include "storage/postgres/pg_db.hpp"

namespace licensor::storage::postgres {

class PgStore final : public core::Store {
 public:
  // Connects `connections` times to `url` and applies migrations.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& url, int connections);

  // A consistent snapshot: REPEATABLE READ, READ ONLY.
  Status Read(const TxFunction& fn) override;
  // READ COMMITTED with license rows locked FOR UPDATE (see PgTx). A transaction that
  // PostgreSQL aborts as a serialization failure or deadlock is run again, up to 5 times;
  // the callbacks of core's services may run more than once for that reason.
  Status Write(const TxFunction& fn) override;

  // Every read is a round trip to the database server.
  bool ReadsMayBlock() const override { return true; }
  bool SharedByNodes() const override { return true; }
  // pg_dump takes a consistent copy of a live database (docs/operations.md); a copy through
  // licensord would only be a slower pg_dump.
  Result<std::shared_ptr<UnlinkedFile>> Backup() override {
    return Status(ErrorCode::kBackupNotSupported,
                  "this licensord's store is PostgreSQL: back it up with pg_dump (see the "
                  "operations guide)");
  }
  core::StoreStats Stats() override;

 private:
  PgStore() = default;
  Result<std::unique_ptr<PgConnection>> Acquire();
  void Release(std::unique_ptr<PgConnection> conn);
  Status RunOnce(PgConnection& conn, const char* begin, bool write, const TxFunction& fn);

  std::string url_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int connections_ = 0;                 // every pooled connection, idle or not
  std::uint64_t connection_waits_ = 0;  // under mutex_: transactions that found none idle
};

}  // namespace licensor::storage::postgres
