// Runs the schema history (storage/schema_history.cpp) on an SQLite database, which keeps its
// version in PRAGMA user_version.
#include "storage/sqlite/migrations.hpp"

#include <string>

#include "storage/schema_history.hpp"

namespace licensor::storage::sqlite {

Result<std::int64_t> KnownSchemaVersion(Connection& conn) {
  std::int64_t current = 0;
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn.Prepare("PRAGMA user_version"));
  LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
  if (row) current = stmt.Int(0);
  const auto known = static_cast<std::int64_t>(SchemaSteps());
  if (current > known) {
    return Status::Internal("database schema version " + std::to_string(current) +
                            " is newer than this licensord supports (" + std::to_string(known) +
                            "); upgrade licensord");
  }
  return current;
}

Status Migrate(Connection& conn, std::int64_t up_to) {
  // The version's statement is reset when the helper returns, before any schema change.
  LICENSOR_ASSIGN_OR_RETURN(const std::int64_t current, KnownSchemaVersion(conn));
  const auto known = static_cast<std::int64_t>(SchemaSteps());
  const std::int64_t target = up_to < 0 ? known : std::min(up_to, known);
  for (std::int64_t v = current; v < target; ++v) {
    LICENSOR_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
    Status s = conn.Exec(SchemaStep(static_cast<std::size_t>(v), Dialect::kSqlite).c_str());
    if (s.ok()) s = conn.Exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    if (!s.ok()) {
      (void)conn.Exec("ROLLBACK");
      return s;
    }
    LICENSOR_RETURN_IF_ERROR(conn.Exec("COMMIT"));
  }
  return Status::Ok();
}

}  // namespace licensor::storage::sqlite
