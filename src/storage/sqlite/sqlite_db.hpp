// A thin RAII layer over the SQLite C API: connections, cached prepared statements, typed reads.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.hpp"
#include "storage/sql_value.hpp"

namespace licensor::storage::sqlite {

// A cached statement borrowed from its connection; reset when this object goes away.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds parameters 1..N in order.
  template <typename... Args>
  Statement& Bind(const Args&... args) {
    int index = 0;
    (BindOne(++index, args), ...);
    return *this;
  }
  // Binds parameters 1..N to `values` in order (a row from a table's column list).
  template <typename Values>
  Statement& BindAll(const Values& values) {
    int index = 0;
    for (const SqlValue& v : values) BindOne(++index, v);
    return *this;
  }

  // True when a row is available, false when done.
  Result<bool> Next();
  // Runs to completion, ignoring rows.
  Status Run();

  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool Bool(int col) const { return Int(col) != 0; }
  std::optional<std::int64_t> OptInt(int col) const;
  std::string Text(int col) const;
  // The column's text without a copy, valid until the next step or reset.
  std::string_view TextView(int col) const;
  std::optional<std::string> OptText(int col) const;

 private:
  void BindOne(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void BindOne(int i, int v) { sqlite3_bind_int64(stmt_, i, v); }
  void BindOne(int i, bool v) { sqlite3_bind_int(stmt_, i, v ? 1 : 0); }
  void BindOne(int i, std::nullptr_t) { sqlite3_bind_null(stmt_, i); }
  void BindOne(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindOne(int i, const std::string& v) { BindOne(i, std::string_view(v)); }
  void BindOne(int i, const char* v) { BindOne(i, std::string_view(v)); }
  void BindOne(int i, const SqlValue& v) {
    std::visit([this, i](const auto& value) { BindOne(i, value); }, v);
  }
  template <typename T>
  void BindOne(int i, const std::optional<T>& v) {
    if (v) {
      BindOne(i, *v);
    } else {
      sqlite3_bind_null(stmt_, i);
    }
  }

  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (creating if needed) with WAL, full synchronous commits, foreign keys and a busy
  // timeout for other processes holding the database.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path);
  // Opens an existing database only to read it, changing nothing (not even its journal mode).
  static Result<std::unique_ptr<Connection>> OpenReadOnly(const std::string& path);
  ~Connection();

  Status Exec(const char* sql);
  // Statements are prepared once per connection and reused; `sql` must outlive the connection
  // (a string literal or named constant).
  Result<Statement> Prepare(const char* sql);
  // Defers BEGIN until the next statement is prepared, so a read transaction served entirely
  // from memory never takes SQLite's file locks. EndDeferred() ends it: it returns whether a
  // transaction was actually begun (and must be committed).
  void BeginDeferred() { deferred_begin_ = true; }
  bool EndDeferred() {
    const bool begun = deferred_begun_;
    deferred_begin_ = deferred_begun_ = false;
    return begun;
  }

  // Copies the whole database into a new database file at `destination` with SQLite's online
  // backup API, in one step: the copy is the snapshot of one read transaction, and a WAL
  // database's writer goes on meanwhile. The copy keeps no journal beside it.
  Status BackUpTo(const std::string& destination);

  int Changes() const { return sqlite3_changes(db_); }
  std::int64_t LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  Result<Statement> PrepareCached(const char* sql);
  sqlite3* db_;
  bool deferred_begin_ = false;
  bool deferred_begun_ = false;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

// Maps an SQLite result code to a Status: constraint violations are conflicts, busy/locked is
// unavailable, the rest internal.
Status FromSqlite(int rc, std::string_view context);

}  // namespace licensor::storage::sqlite
