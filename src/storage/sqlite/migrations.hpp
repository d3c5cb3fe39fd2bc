// Versioned schema migrations for the SQLite store, applied in order on start.
#pragma once

#include "storage/sqlite/sqlite_db.hpp"

namespace licensor::storage::sqlite {

// Applies every migration newer than the database's user_version, each in its own transaction.
// Refuses a database written by a newer Licensor (a version this build does not know).
Status Migrate(Connection& conn);

}  // namespace licensor::storage::sqlite
