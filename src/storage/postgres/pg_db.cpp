// libpq wrappers. Errors map by SQLSTATE: unique violations are conflicts, serialization
// failures and deadlocks are retryable (kUnavailable), the rest internal.
#include "storage/postgres/pg_db.hpp"

#include <charconv>
#include <cstring>

#include "core/store.hpp"

namespace licensor::storage::postgres {

std::string PgRow::Text(int col) const {
  return std::string(PQgetvalue(result_, row_, col), PQgetlength(result_, row_, col));
}

std::optional<std::string> PgRow::OptText(int col) const {
  if (PQgetisnull(result_, row_, col)) return std::nullopt;
  return Text(col);
}

std::int64_t PgRow::Int(int col) const {
  const char* text = PQgetvalue(result_, row_, col);
  std::int64_t v = 0;
  std::from_chars(text, text + PQgetlength(result_, row_, col), v);
  return v;
}

std::optional<std::int64_t> PgRow::OptInt(int col) const {
  if (PQgetisnull(result_, row_, col)) return std::nullopt;
  return Int(col);
}

bool PgRow::Bool(int col) const {
  const char* text = PQgetvalue(result_, row_, col);
  return std::strcmp(text, "t") == 0 || std::strcmp(text, "true") == 0 ||
         std::strcmp(text, "1") == 0;
}

int PgResult::affected() const {
  const char* n = PQcmdTuples(result_.get());
  return n && *n ? std::atoi(n) : 0;
}

namespace {

// Connects with `url` (a URI or a key=value string), then the extra settings, which take
// precedence over the same ones in `url`.
PGconn* ConnectWith(const std::string& url,
                    const std::vector<std::pair<const char*, const char*>>& extra) {
  std::vector<const char*> keys = {"dbname"};
  std::vector<const char*> values = {url.c_str()};
  for (const auto& [key, value] : extra) {
    keys.push_back(key);
    values.push_back(value);
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  return PQconnectdbParams(keys.data(), values.data(), /*expand_dbname=*/1);
}

}  // namespace

Result<std::unique_ptr<PgConnection>> PgConnection::OpenKeptAlive(const std::string& url) {
  // Probes after 10 s of silence, every 5 s, 3 unanswered mean gone; unacknowledged data
  // fails after 30 s.
  return Adopt(ConnectWith(url, {{"keepalives", "1"},
                                 {"keepalives_idle", "10"},
                                 {"keepalives_interval", "5"},
                                 {"keepalives_count", "3"},
                                 {"tcp_user_timeout", "30000"}}));
}

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url) {
  return Adopt(ConnectWith(url, {}));
}

Result<std::unique_ptr<PgConnection>> PgConnection::Adopt(PGconn* conn) {
  if (PQstatus(conn) != CONNECTION_OK) {
    // libpq's message names the host and the reason; it never contains the password.
    const std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    return Status::Unavailable("cannot connect to PostgreSQL: " + message);
  }
  return std::unique_ptr<PgConnection>(new PgConnection(conn));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

Status PgConnection::Check(PGresult* result, std::string_view context) {
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Status::Ok();
  const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string state = sqlstate ? sqlstate : "";
  // As in SQLite's FromSqlite: only kInternal, which is logged and never sent, keeps the SQL.
  if (state == "23505" || state == "23503") {  // unique_violation, foreign_key_violation
    return Status::Conflict(std::string(core::kStoreConflictMessage));
  }
  if (state == "40001" || state == "40P01") {
    return Status::Unavailable(std::string(core::kStoreBusyMessage));
  }
  if (state.starts_with("53")) {  // insufficient resources: disk full, out of memory
    return Status::Unavailable(std::string(core::kStoreFullMessage));
  }
  return Status::Internal(std::string(context.substr(0, 80)) + ": " + PQresultErrorMessage(result));
}

Status PgConnection::Exec(const char* sql) {
  PGresult* raw = PQexec(conn_, sql);
  const Status status = Check(raw, sql);
  PQclear(raw);
  return status;
}

const char* PgConnection::PreparedName(const char* sql, int parameters) {
  if (const auto found = prepared_.find(sql); found != prepared_.end()) {
    return found->second.c_str();
  }
  if (prepared_.size() >= kMaxPrepared) return nullptr;
  std::string name = "licensor_" + std::to_string(prepared_.size());
  PGresult* raw = PQprepare(conn_, name.c_str(), sql, parameters, nullptr);
  const bool prepared = PQresultStatus(raw) == PGRES_COMMAND_OK;
  PQclear(raw);
  // Not prepared (e.g. inside a failed transaction): sent whole, which reports any error.
  if (!prepared) return nullptr;
  return prepared_.emplace(sql, std::move(name)).first->second.c_str();
}

Result<PgResult> PgConnection::Query(const char* sql, const PgParams& params) {
  std::vector<const char*> values;
  for (const auto& v : params.values()) values.push_back(v ? v->c_str() : nullptr);
  const int n = static_cast<int>(values.size());
  const char* name = PreparedName(sql, n);
  PGresult* raw = name ? PQexecPrepared(conn_, name, n, values.data(), nullptr, nullptr, 0)
                       : PQexecParams(conn_, sql, n, nullptr, values.data(), nullptr, nullptr, 0);
  const Status status = Check(raw, sql);
  PgResult result(raw);
  if (!status.ok()) return status;
  return result;
}

Result<std::vector<PgConnection::Notification>> PgConnection::TakeNotifications(
    std::string_view channel) {
  if (PQconsumeInput(conn_) == 0 || Broken()) {
    return Status::Unavailable(std::string("the listening connection was lost: ") +
                               PQerrorMessage(conn_));
  }
  std::vector<Notification> notifications;
  while (PGnotify* notify = PQnotifies(conn_)) {
    if (channel == notify->relname) notifications.push_back({notify->be_pid, notify->extra});
    PQfreemem(notify);
  }
  return notifications;
}

}  // namespace licensor::storage::postgres
