// One statement text for both stores. Statements are written with SQLite's numbered
// placeholders (?1, ?2, ...); PostgreSQL's form ($1, $2, ...) is derived from that text, at
// compile time for a literal (PgStatement) or once at start-up for a text built from a table's
// column list (InDialect), so the two can never be numbered differently.
#pragma once

#include <cstddef>
#include <string>

namespace licensor::storage {

enum class Dialect { kSqlite, kPostgres };

template <std::size_t N>
struct PgStatement {
  char text[N] = {};
  // Shared texts hold no '?' other than placeholders (no string literals contain one).
  constexpr explicit PgStatement(const char (&sqlite)[N]) {
    for (std::size_t i = 0; i < N; ++i) text[i] = sqlite[i] == '?' ? '$' : sqlite[i];
  }
  constexpr const char* c_str() const { return text; }
};

// The named fragments: what the dialects must say differently, said once each.

// A row lock for the rest of a write transaction. SQLite's writer already holds the database's
// one write lock, so there it is nothing.
inline const char* RowLock(Dialect dialect) {
  return dialect == Dialect::kPostgres ? " FOR UPDATE" : "";
}

// "`column` is one of the strings of the JSON array in text parameter `param`, or the
// parameter is NULL" (a list filter: JsonList in storage/filter_values.hpp).
inline std::string InJsonList(const std::string& column, const std::string& param,
                              Dialect dialect) {
  const std::string elements =
      dialect == Dialect::kPostgres
          ? "SELECT jsonb_array_elements_text(CAST(" + param + " AS JSONB))"
          : "SELECT value FROM json_each(" + param + ")";
  return "(CAST(" + param + " AS TEXT) IS NULL OR " + column + " IN (" + elements + "))";
}

inline std::string InDialect(std::string sqlite_text, Dialect dialect) {
  if (dialect == Dialect::kPostgres) {
    for (char& c : sqlite_text) {
      if (c == '?') c = '$';
    }
  }
  return sqlite_text;
}

}  // namespace licensor::storage
