// SQLite connection and statement wrappers.
#include "storage/sqlite/sqlite_db.hpp"

#include "core/store.hpp"

namespace licensor::storage::sqlite {

// Only kInternal keeps the statement and SQLite's words: its message goes to the log, never to a
// client. The other codes can reach a client, so they carry a plain sentence (see
// kStoreConflictMessage), and a service that knows what the conflict means says it better.
Status FromSqlite(int rc, std::string_view context) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return Status::Conflict(std::string(core::kStoreConflictMessage));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable(std::string(core::kStoreBusyMessage));
    case SQLITE_FULL:
      return Status::Unavailable(std::string(core::kStoreFullMessage));
    default:
      return Status::Internal(std::string(context) + ": " + sqlite3_errstr(rc));
  }
}

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Result<bool> Statement::Next() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return FromSqlite(sqlite3_extended_errcode(sqlite3_db_handle(stmt_)), sqlite3_sql(stmt_));
}

Status Statement::Run() {
  for (;;) {
    LICENSOR_ASSIGN_OR_RETURN(const bool row, Next());
    if (!row) return Status::Ok();
  }
}

std::optional<std::int64_t> Statement::OptInt(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return Int(col);
}

std::string Statement::Text(int col) const { return std::string(TextView(col)); }

std::string_view Statement::TextView(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  return p ? std::string_view(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, col))
           : std::string_view();
}

std::optional<std::string> Statement::OptText(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return Text(col);
}

namespace {

// SQLite counts every allocation under one process-wide mutex unless told not to; every
// connection's statements then contend for it. Nothing here reads those counts. This must run
// before SQLite initializes, that is before the first connection opens.
void ConfigureSqliteOnce() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path) {
  ConfigureSqliteOnce();
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(db);
    return FromSqlite(rc, "open " + path);
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_busy_timeout(db, 5000);
  // secure_delete=FAST zeroes the bytes of deleted and overwritten rows where that costs no
  // extra I/O, so that a destroyed secret (a retired signing key) does not linger in the file.
  LICENSOR_RETURN_IF_ERROR(
      conn->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                 "PRAGMA secure_delete=FAST;"));
  return conn;
}

Result<std::unique_ptr<Connection>> Connection::OpenReadOnly(const std::string& path) {
  ConfigureSqliteOnce();
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(db);
    return FromSqlite(rc, "open " + path);
  }
  return std::unique_ptr<Connection>(new Connection(db));
}

Status Connection::BackUpTo(const std::string& destination) {
  sqlite3* copy = nullptr;
  int rc =
      sqlite3_open_v2(destination.c_str(), &copy,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_backup* backup = sqlite3_backup_init(copy, "main", db_, "main");
    if (backup == nullptr) {
      rc = sqlite3_extended_errcode(copy);
    } else {
      const int step = sqlite3_backup_step(backup, -1);  // every page, under one read lock
      rc = sqlite3_backup_finish(backup);
      if (step != SQLITE_DONE && rc == SQLITE_OK) rc = step;
    }
  }
  // The copy takes the source's WAL mode; a single file is what a backup must be.
  if (rc == SQLITE_OK)
    rc = sqlite3_exec(copy, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  sqlite3_close(copy);
  if (rc != SQLITE_OK) return FromSqlite(rc, "back up to " + destination);
  return Status::Ok();
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status Connection::Exec(const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    const std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    Status s = FromSqlite(sqlite3_extended_errcode(db_), message);
    return s;
  }
  return Status::Ok();
}

Result<Statement> Connection::Prepare(const char* sql) {
  if (deferred_begin_) {
    deferred_begin_ = false;
    LICENSOR_ASSIGN_OR_RETURN(auto begin, PrepareCached("BEGIN"));
    LICENSOR_RETURN_IF_ERROR(begin.Run());
    deferred_begun_ = true;
  }
  return PrepareCached(sql);
}

Result<Statement> Connection::PrepareCached(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return FromSqlite(rc, std::string("prepare: ") + sqlite3_errmsg(db_));
    it = cache_.emplace(sql, stmt).first;
  }
  return Statement(it->second);
}

}  // namespace licensor::storage::sqlite
