// Versioned schema migrations for the PostgreSQL store.
#pragma once

#include "storage/postgres/pg_db.hpp"

namespace licensor::storage::postgres {

// Applies every migration newer than the recorded version, each in its own transaction,
// under an advisory lock so that nodes starting together never migrate twice. Refuses a
// database written by a newer Licensor.
Status Migrate(PgConnection& conn);

}  // namespace licensor::storage::postgres
