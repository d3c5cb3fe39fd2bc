// One statement text for both stores. Statements are written with SQLite's numbered
// placeholders (?1, ?2, ...); PostgreSQL's form ($1, $2, ...) is derived from that text at
// compile time, so the two can never be numbered differently.
#pragma once

#include <cstddef>

namespace licensor::storage {

template <std::size_t N>
struct PgStatement {
  char text[N] = {};
  // Shared texts hold no '?' other than placeholders (no string literals contain one).
  constexpr explicit PgStatement(const char (&sqlite)[N]) {
    for (std::size_t i = 0; i < N; ++i) text[i] = sqlite[i] == '?' ? '$' : sqlite[i];
  }
  constexpr const char* c_str() const { return text; }
};

}  // namespace licensor::storage
