// The store interfaces core needs; storage/ implements them for SQLite and PostgreSQL. A
// transaction is the sum of one interface per aggregate, each in its own header, and each
// backend implements each in files of the same names (storage/sqlite/sqlite_tx_<part>.cpp,
// storage/postgres/pg_tx_<part>.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/status.hpp"
#include "common/unlinked_file.hpp"
#include "core/store_accounts.hpp"
#include "core/store_basics.hpp"
#include "core/store_cards.hpp"
#include "core/store_catalog.hpp"
#include "core/store_keys.hpp"
#include "core/store_licensing.hpp"
#include "core/store_mail.hpp"
#include "core/store_registry.hpp"

namespace licensor::core {

// All reads and writes, inside one transaction. Methods return kNotFound only where stated;
// lookups that may miss return an empty optional. Not thread-safe: one transaction, one thread.
class StoreTx : public CatalogTx,
                public AccountsTx,
                public LicensingTx,
                public RegistryTx,
                public CardsTx,
                public KeysTx,
                public MailTx {};

// What a store tells its operator about itself (/metrics). Counters count from its opening.
struct StoreStats {
  const char* backend = "";            // "sqlite" or "postgres"
  int connections = 0;                 // pooled for transactions
  int connections_busy = 0;            // in a transaction now
  std::uint64_t connection_waits = 0;  // transactions that waited for a free connection
  bool has_validation_cache = false;
  bool cache_listening = true;     // the cache hears of other nodes' changes (PostgreSQL)
  std::uint64_t cache_resets = 0;  // emptied because it stopped hearing of them
  std::uint64_t cache_hits = 0;
  std::uint64_t cache_misses = 0;
  std::uint64_t cache_bytes = 0;
};

// A connection pool's figures, as every store reports them.
inline StoreStats PoolStats(const char* backend, int connections, std::size_t idle,
                            std::uint64_t waits) {
  StoreStats stats;
  stats.backend = backend;
  stats.connections = connections;
  stats.connections_busy = connections - static_cast<int>(idle);
  stats.connection_waits = waits;
  return stats;
}

// A transactional store. The callback's Status decides: ok commits, anything else rolls back
// and is returned. Thread-safe: many transactions may run at once on different threads.
class Store {
 public:
  virtual ~Store() = default;
  using TxFunction = std::function<Status(StoreTx&)>;
  virtual Status Read(const TxFunction& fn) = 0;
  // A read for a thread that must not wait (a network thread): anything the store cannot answer
  // from memory fails with kWouldBlock, and the caller tries again where it may wait. A store
  // whose reads never wait reads as Read does.
  virtual Status ReadWithoutWaiting(const TxFunction& fn) { return Read(fn); }
  virtual Status Write(const TxFunction& fn) = 0;
  // True when a read can wait: on the network, or for a lock held by a writer. The server then
  // keeps reads off its network threads.
  virtual bool ReadsMayBlock() const = 0;
  // True when other processes may change the store while this one runs (a database server that
  // several nodes share): what a node keeps in memory from it must then be checked against it.
  virtual bool SharedByNodes() const = 0;
  // A consistent copy of the whole store as it was at one commit, taken while writes go on:
  // a database file that opens as the store itself. kBackupNotSupported for a database server,
  // which is backed up with its own tools; kConflict while another backup is being taken.
  virtual Result<std::shared_ptr<UnlinkedFile>> Backup() = 0;
  virtual StoreStats Stats() = 0;
};

// Unwraps a lookup, answering NotFound naming the resource's kind when it missed.
template <typename T>
Result<T> Require(Result<std::optional<T>> found, const char* kind) {
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound(std::string(kind) + " not found");
  return std::move(**found);
}

// Runs `read` (StoreTx& → Result<T>) in a read transaction and returns its value.
template <typename T, typename ReadFn>
Result<T> ReadValue(Store& store, ReadFn read) {
  std::optional<T> out;
  LICENSOR_RETURN_IF_ERROR(store.Read([&](StoreTx& tx) -> Status {
    Result<T> value = read(tx);
    if (!value.ok()) return value.status();
    out = std::move(value).value();
    return Status::Ok();
  }));
  return std::move(*out);
}

}  // namespace licensor::core
