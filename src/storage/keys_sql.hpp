// Statements of the server keys (core/store_keys.hpp), one text for both stores, from the
// tables' column lists (storage/tables.hpp).
#pragma once

#include <string>

#include "storage/sql_text.hpp"
#include "storage/table_statements.hpp"

namespace licensor::storage {

struct KeysSql {
  explicit KeysSql(Dialect dialect);

  std::string get_ring;
  std::string insert_ring;
  // Answers the new generation. Its UPDATE holds the row's lock until the transaction ends.
  std::string raise_generation;
  TableStatements signing_keys;
  std::string list_signing_keys;
};

}  // namespace licensor::storage
