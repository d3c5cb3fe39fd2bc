// The PostgreSQL store: several licensord nodes share one database.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/store.hpp"
#include "storage/postgres/pg_db.hpp"
#include "storage/postgres/pg_listener.hpp"
#include "storage/postgres/pg_tx_connection.hpp"
#include "storage/validation_cache.hpp"

namespace licensor::storage::postgres {

class PgStore final : public core::Store {
 public:
  static constexpr std::size_t kDefaultCacheBytes = 64 << 20;

  // Connects `connections` times to `url` and applies migrations. With `cache_bytes` > 0,
  // validation views are cached, and a listening connection keeps the cache exact (below).
  static Result<std::unique_ptr<PgStore>> Open(const std::string& url, int connections,
                                               std::size_t cache_bytes = kDefaultCacheBytes);
  ~PgStore() override;

  // A consistent snapshot: REPEATABLE READ, READ ONLY, begun at its first statement.
  Status Read(const TxFunction& fn) override;
  Status ReadWithoutWaiting(const TxFunction& fn) override;
  // READ COMMITTED with license rows locked FOR UPDATE (see PgTx). A transaction that
  // PostgreSQL aborts as a serialization failure or deadlock is run again, up to 5 times;
  // the callbacks of core's services may run more than once for that reason.
  //
  // The validation cache stays exact across nodes: a write that changes what validation reads
  // sends, in its own transaction, a NOTIFY naming the licenses it touched ("*": all of them,
  // for a policy). Every node listens (PgListener) and drops those views when the notification
  // arrives; the writing node drops them as soon as it has committed. While a node's listening
  // connection is down it reads past its cache, and it empties the cache before using it again.
  Status Write(const TxFunction& fn) override;

  // Every read that misses the cache is a round trip to the database server.
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
  explicit PgStore(std::size_t cache_bytes) : cache_(cache_bytes) {}
  Result<std::unique_ptr<PgConnection>> Acquire();
  void Release(std::unique_ptr<PgConnection> conn);
  Status ReadWith(const TxFunction& fn, bool may_wait);
  // The listener's news: views of these licenses changed on some node ("*": any may have).
  // This node's own writes are left out: each invalidated as it committed.
  void Invalidated(const std::vector<PgConnection::Notification>& notifications);
  // A new pooled connection, whose notifications are this node's own.
  Result<std::unique_ptr<PgConnection>> Connect();
  void ListeningChanged(bool listening);

  std::string url_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  std::unordered_set<int> own_backends_;  // under mutex_: the pooled connections' server pids
  int connections_ = 0;                   // every pooled connection, idle or not
  std::uint64_t connection_waits_ = 0;    // under mutex_: transactions that found none idle
  ValidationCache cache_;
  bool cache_enabled_ = false;          // cache_bytes > 0
  std::atomic<bool> listening_{false};  // the cache may be used
  std::condition_variable listening_changed_;
  std::atomic<std::uint64_t> cache_resets_{0};  // the listening connection was lost
  std::unique_ptr<PgListener> listener_;        // last: stopped before the rest goes
};

}  // namespace licensor::storage::postgres
