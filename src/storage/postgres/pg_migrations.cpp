// Runs the schema history (storage/schema_history.cpp) on a PostgreSQL database, which keeps
// its version in licensor_schema. Nodes starting together take turns by an advisory lock.
#include "storage/postgres/pg_migrations.hpp"

#include <iterator>
#include <string>

#include "storage/schema_history.hpp"

namespace licensor::storage::postgres {
namespace {

// An arbitrary constant naming Licensor's migration lock among the database's advisory locks.
constexpr const char* kLockMigrations = "SELECT pg_advisory_xact_lock(7324011)";

}  // namespace

Status Migrate(PgConnection& conn) {
  LICENSOR_RETURN_IF_ERROR(
      conn.Exec("CREATE TABLE IF NOT EXISTS licensor_schema (version BIGINT NOT NULL);"));
  const auto known = static_cast<std::int64_t>(SchemaSteps());
  for (;;) {
    LICENSOR_RETURN_IF_ERROR(conn.Exec("BEGIN"));
    Status s = conn.Query(kLockMigrations).status();
    std::int64_t current = 0;
    if (s.ok()) {
      auto version = conn.Query("SELECT COALESCE(MAX(version), 0) FROM licensor_schema");
      if (version.ok()) {
        current = version->row(0).Int(0);
      } else {
        s = version.status();
      }
    }
    if (s.ok() && current > known) {
      s = Status::Internal("database schema version " + std::to_string(current) +
                           " is newer than this licensord supports (" + std::to_string(known) +
                           "); upgrade licensord");
    }
    if (s.ok() && current == known) {
      return conn.Exec("COMMIT");
    }
    if (s.ok())
      s = conn.Exec(SchemaStep(static_cast<std::size_t>(current), Dialect::kPostgres).c_str());
    if (s.ok())
      s = conn.Query("INSERT INTO licensor_schema (version) VALUES ($1)", current + 1).status();
    if (s.ok()) s = conn.Exec("COMMIT");
    if (!s.ok()) {
      (void)conn.Exec("ROLLBACK");
      return s;
    }
  }
}

}  // namespace licensor::storage::postgres
