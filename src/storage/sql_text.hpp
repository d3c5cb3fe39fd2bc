// One statement text for both stores. Statements are written with SQLite's numbered
// placeholders (?1, ?2, ...); PostgreSQL's form ($1, $2, ...) is derived from that text
// (InDialect), once per dialect, so the two can never be numbered differently.
#pragma once

#include <string>

namespace licensor::storage {

enum class Dialect { kSqlite, kPostgres };

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

// Shared texts hold no '?' other than placeholders (no string literal in them contains one).
inline std::string InDialect(std::string sqlite_text, Dialect dialect) {
  if (dialect == Dialect::kPostgres) {
    for (char& c : sqlite_text) {
      if (c == '?') c = '$';
    }
  }
  return sqlite_text;
}

// A set of statements (CatalogSql, LicensingSql, ...) in one dialect, built on first use. The
// texts stay put, so the SQLite store's statement cache can key them by address.
template <typename Statements>
const Statements& StatementsFor(Dialect dialect) {
  static const Statements sqlite(Dialect::kSqlite);
  static const Statements postgres(Dialect::kPostgres);
  return dialect == Dialect::kSqlite ? sqlite : postgres;
}

}  // namespace licensor::storage
