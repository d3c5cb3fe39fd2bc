// The connection of one PostgreSQL transaction, taken from the pool and begun at the
// transaction's first statement: a transaction answered from memory (a cached validation) costs
// no round trip and holds no connection.
#pragma once

#include <functional>
#include <memory>

#include "storage/postgres/pg_db.hpp"

namespace licensor::storage::postgres {

class PgTxConnection {
 public:
  using Acquire = std::function<Result<std::unique_ptr<PgConnection>>()>;

  // `begin` starts the transaction ("BEGIN …"). With `may_wait` false the transaction must not
  // wait for the database: its first statement answers kWouldBlock instead (a network thread,
  // which then hands the request to the worker pool).
  PgTxConnection(Acquire acquire, const char* begin, bool may_wait)
      : acquire_(std::move(acquire)), begin_(begin), may_wait_(may_wait) {}

  Status Exec(const char* sql);
  Result<PgResult> Query(const char* sql, const PgParams& params);
  template <typename... Args>
  Result<PgResult> Query(const char* sql, const Args&... args) {
    return Query(sql, PgParams(args...));
  }

  bool begun() const { return begun_; }
  // Ends the transaction if one was begun: COMMIT when `commit` (its error is returned), else
  // ROLLBACK. The connection is kept for the next transaction (a retried write).
  Status End(bool commit);
  bool Broken() const { return conn_ && conn_->Broken(); }
  // The pooled connection, if one was taken, for the caller to give back.
  std::unique_ptr<PgConnection> Release() { return std::move(conn_); }

 private:
  Status Begin();

  Acquire acquire_;
  const char* begin_;
  bool may_wait_;
  std::unique_ptr<PgConnection> conn_;
  bool begun_ = false;
};

}  // namespace licensor::storage::postgres
