#include "storage/sqlite/restore.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "storage/sqlite/database_lock.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_db.hpp"

namespace licensor::storage::sqlite {
namespace {

namespace fs = std::filesystem;

// The first column of the first row `sql` returns, as text ("" when none).
Result<std::string> FirstText(Connection& conn, const char* sql) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn.Prepare(sql));
  LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
  return row ? stmt.Text(0) : std::string();
}

// An intact database of a schema this build knows, with the store's tables.
Status CheckBackup(const std::string& path) {
  const auto refused = [&](const std::string& why) {
    return Status::InvalidField(path + " is not a Licensor backup: " + why);
  };
  auto conn = Connection::OpenReadOnly(path);
  if (!conn.ok()) return refused(conn.status().message());
  const auto integrity = FirstText(**conn, "PRAGMA integrity_check");
  // SQLite's own words ("file is not a database") come twice in its error; one reason is enough.
  if (!integrity.ok()) return refused("SQLite cannot read it as a database");
  if (*integrity != "ok") return refused("its integrity check failed (" + *integrity + ")");
  const auto tables = FirstText(
      **conn, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'licenses'");
  if (!tables.ok() || *tables != "1") return refused("it holds no Licensor store");
  if (const auto version = KnownSchemaVersion(**conn); !version.ok()) {
    return refused(version.status().message() + "; restore it with a newer licensord");
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

// Run as root (an operator's sudo), the files a restore writes would belong to root, and the
// service's own user could not open them: they are given to the data directory's owner.
Status GiveToDirectoryOwner(const std::string& directory, const std::vector<std::string>& paths) {
  struct stat dir {};
  if (::geteuid() != 0 || ::stat(directory.c_str(), &dir) != 0 || dir.st_uid == 0) {
    return Status::Ok();
  }
  for (const std::string& path : paths) {
    if (::chown(path.c_str(), dir.st_uid, dir.st_gid) != 0 && errno != ENOENT) {
      return Status::Internal("cannot give " + path +
                              " to the data directory's owner: " + std::strerror(errno));
    }
  }
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
  const std::string parent = fs::path(database_path).parent_path().string();
  const std::string directory = parent.empty() ? "." : parent;
  LICENSOR_RETURN_IF_ERROR(
      GiveToDirectoryOwner(directory, {database_path, database_path + ".lock"}));
  LICENSOR_RETURN_IF_ERROR(SyncPath(directory, O_RDONLY | O_DIRECTORY));
  return restored;
}

}  // namespace licensor::storage::sqlite
