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

inline std::string InDialect(std::string sqlite_text, Dialect dialect) {
  if (dialect == Dialect::kPostgres) {
    for (char& c : sqlite_text) {
      if (c == '?') c = '$';
    }
  }
  return sqlite_text;
}

}  // namespace licensor::storage
