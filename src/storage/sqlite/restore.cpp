#include "storage/sqlite/restore.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "storage/schema_history.hpp"
#include "storage/sqlite/database_lock.hpp"
#include "storage/sqlite/sqlite_db.hpp"

namespace licensor::storage::sqlite {
namespace {

namespace fs = std::filesystem;

// The first column of the first row `sql` returns on `db`, as text ("" when none).
std::string FirstValue(sqlite3* db, const char* sql, int& rc) {
  sqlite3_stmt* stmt = nullptr;
  rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  std::string value;
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      value = text ? reinterpret_cast<const char*>(text) : "";
      rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
      rc = SQLITE_OK;
    }
  }
  sqlite3_finalize(stmt);
  return value;
}

// An intact database of a schema this build knows, with the store's tables.
Status CheckBackup(const std::string& path) {
  const auto refused = [&](const std::string& why) {
    return Status::InvalidField(path + " is not a Licensor backup: " + why);
  };
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::string integrity, version, tables;
  if (rc == SQLITE_OK) integrity = FirstValue(db, "PRAGMA integrity_check", rc);
  if (rc == SQLITE_OK) version = FirstValue(db, "PRAGMA user_version", rc);
  if (rc == SQLITE_OK) {
    tables = FirstValue(
        db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'licenses'", rc);
  }
  const std::string error = rc == SQLITE_OK ? "" : sqlite3_errmsg(db);
  sqlite3_close(db);
  if (rc != SQLITE_OK) return refused(error);
  if (integrity != "ok") return refused("its integrity check failed (" + integrity + ")");
  if (tables != "1") return refused("it holds no Licensor store");
  const long long schema = std::stoll(version);
  if (schema > static_cast<long long>(SchemaSteps())) {
    return refused("its schema version " + version + " is newer than this licensord's (" +
                   std::to_string(SchemaSteps()) + "); restore it with a newer licensord");
  }
  return Status::Ok();
}

Status SyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    return Status::Internal("cannot sync " + path + ": " + std::strerror(error));
  }
  ::close(fd);
  return Status::Ok();
}

}  // namespace

Result<Restored> RestoreFromBackup(const std::string& backup_path, const std::string& database_path,
                                   const std::string& replaced_suffix) {
  LICENSOR_ASSIGN_OR_RETURN(const DatabaseLock lock, DatabaseLock::Take(database_path));
  LICENSOR_RETURN_IF_ERROR(CheckBackup(backup_path));
  const std::string incoming = database_path + ".restoring";
  std::error_code ec;
  fs::copy_file(backup_path, incoming, fs::copy_options::overwrite_existing, ec);
  if (ec) return Status::Internal("cannot copy " + backup_path + ": " + ec.message());
  LICENSOR_RETURN_IF_ERROR(SyncPath(incoming, O_RDONLY));

  Restored restored;
  if (fs::exists(database_path)) {
    {  // Everything the WAL holds goes into the file that is kept.
      LICENSOR_ASSIGN_OR_RETURN(auto current, Connection::Open(database_path));
      LICENSOR_RETURN_IF_ERROR(current->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    restored.replaced_path = database_path + replaced_suffix;
    fs::rename(database_path, restored.replaced_path, ec);
    if (ec) return Status::Internal("cannot move " + database_path + " aside: " + ec.message());
  }
  fs::remove(database_path + "-wal", ec);
  fs::remove(database_path + "-shm", ec);
  fs::rename(incoming, database_path, ec);
  if (ec) return Status::Internal("cannot put the backup in place: " + ec.message());
  const std::string directory = fs::path(database_path).parent_path().string();
  LICENSOR_RETURN_IF_ERROR(SyncPath(directory.empty() ? "." : directory, O_RDONLY | O_DIRECTORY));
  return restored;
}

}  // namespace licensor::storage::sqlite
