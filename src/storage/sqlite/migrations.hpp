// Versioned schema migrations for the SQLite store, applied in order on start.
#pragma once

#include "storage/sqlite/sqlite_db.hpp"

namespace licensor::storage::sqlite {

// Applies every migration newer than the database's user_version, each in its own transaction.
// Refuses a database written by a newer Licensor (a version this build does not know).
// `up_to` stops at an older version (tests of an upgrade start from one).
Status Migrate(Connection& conn, std::int64_t up_to = -1);

// The database's schema version, refused when it is newer than this build knows.
Result<std::int64_t> KnownSchemaVersion(Connection& conn);

}  // namespace licensor::storage::sqlite
