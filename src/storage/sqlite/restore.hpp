// Putting a backup (licensorctl backup) back in place of an SQLite store, with licensord
// stopped: `licensord --restore FILE`.
#pragma once

#include <string>

#include "common/status.hpp"

namespace licensor::storage::sqlite {

// Replaces the store at `database_path` with a copy of `backup_path`. Refused while a licensord
// serves the store, and for a file that is not an intact Licensor store or whose schema is
// newer than this build's (an older one is brought up to date when licensord next starts).
// The store it replaces is checkpointed and kept beside it as `replaced_path`, so a restore of
// the wrong file can be undone; its WAL and shared-memory files go, since they belong to it.
// `replaced_path` is empty when there was no store. Run as root, the files it writes are given
// to the data directory's owner, the service's user.
struct Restored {
  std::string replaced_path;
};
Result<Restored> RestoreFromBackup(const std::string& backup_path, const std::string& database_path,
                                   const std::string& replaced_suffix);

}  // namespace licensor::storage::sqlite
