// A thin RAII layer over libpq: connections, parameterised queries, typed row reads.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.hpp"
#include "storage/sql_value.hpp"

namespace licensor::storage::postgres {

// One row of a result, with the same accessors as the SQLite statement (storage/columns.hpp reads
// both).
class PgRow {
 public:
  PgRow(const PGresult* result, int row) : result_(result), row_(row) {}
  std::string Text(int col) const;
  std::optional<std::string> OptText(int col) const;
  std::int64_t Int(int col) const;
  std::optional<std::int64_t> OptInt(int col) const;
  bool Bool(int col) const;

 private:
  const PGresult* result_;
  int row_;
};

class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result, &PQclear) {}
  int rows() const { return PQntuples(result_.get()); }
  PgRow row(int i) const { return PgRow(result_.get(), i); }
  // Rows changed by an INSERT, UPDATE or DELETE.
  int affected() const;

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_;
};

// Query parameters in text form; nullopt is SQL NULL.
class PgParams {
 public:
  template <typename... Args>
  explicit PgParams(const Args&... args) {
    (Add(args), ...);
  }
  // A row from a table's column list, then any further parameters.
  template <typename Values, typename... Args>
  static PgParams From(const Values& values, const Args&... more) {
    PgParams params;
    for (const SqlValue& v : values) params.Add(v);
    (params.Add(more), ...);
    return params;
  }
  const std::vector<std::optional<std::string>>& values() const { return values_; }

 private:
  void Add(std::int64_t v) { values_.emplace_back(std::to_string(v)); }
  void Add(int v) { values_.emplace_back(std::to_string(v)); }
  void Add(bool v) { values_.emplace_back(v ? "true" : "false"); }
  void Add(std::nullptr_t) { values_.emplace_back(std::nullopt); }
  void Add(std::string_view v) { values_.emplace_back(std::string(v)); }
  void Add(const std::string& v) { values_.emplace_back(v); }
  void Add(const char* v) { values_.emplace_back(v); }
  void Add(const SqlValue& v) {
    std::visit([this](const auto& value) { Add(value); }, v);
  }
  template <typename T>
  void Add(const std::optional<T>& v) {
    if (v) {
      Add(*v);
    } else {
      values_.emplace_back(std::nullopt);
    }
  }

  std::vector<std::optional<std::string>> values_;
};

class PgConnection {
 public:
  // `url`: a libpq connection string or postgresql:// URI.
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& url);
  // For a connection that may sit idle for hours (LISTEN): TCP keepalives every few seconds of
  // silence keep firewalls and NATs from dropping it unseen, and tell within half a minute
  // when the server is gone without a word (a failover, a cut cable), so it is noticed.
  static Result<std::unique_ptr<PgConnection>> OpenKeptAlive(const std::string& url);
  ~PgConnection();

  // Runs one or more statements without parameters.
  Status Exec(const char* sql);
  Result<PgResult> Query(const char* sql, const PgParams& params);
  template <typename... Args>
  Result<PgResult> Query(const char* sql, const Args&... args) {
    return Query(sql, PgParams(args...));
  }
  // True when the server connection was lost; the pool replaces such connections.
  bool Broken() const { return PQstatus(conn_) != CONNECTION_OK; }

  // The server process serving this connection: it names the sender of a notification.
  int BackendPid() const { return PQbackendPID(conn_); }

  // For LISTEN: the socket to wait on, and the notifications that arrived on `channel`
  // (kUnavailable when the connection was lost).
  struct Notification {
    int sender_pid = 0;
    std::string payload;
  };
  int Socket() const { return PQsocket(conn_); }
  Result<std::vector<Notification>> TakeNotifications(std::string_view channel);

 private:
  // Statements are prepared on each connection the first time it runs them, up to this many
  // texts; beyond that (statements built from varying filters) they are sent whole.
  static constexpr std::size_t kMaxPrepared = 512;

  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  // The connection libpq made, or why it failed (freeing it).
  static Result<std::unique_ptr<PgConnection>> Adopt(PGconn* conn);
  Status Check(PGresult* result, std::string_view context);
  // The prepared statement's name for `sql`, preparing it first; null to send it unprepared.
  const char* PreparedName(const char* sql, int parameters);

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

}  // namespace licensor::storage::postgres
