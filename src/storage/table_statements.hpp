// The statements every entity table has, derived from its column list (storage/tables.hpp):
// read one by id, insert, update every column by id, delete by id, and the SELECT that list
// statements complete with their own filters.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "storage/columns.hpp"
#include "storage/sql_text.hpp"

namespace licensor::storage {

struct TableStatements {
  std::string select;  // "SELECT seq, <columns> FROM <table>"; rows are read from column 1
  std::string get;
  std::string insert;
  std::string update;
  std::string remove;
};

// A list statement: `select` filtered by `filter` (" AND ..."), a keyset page after seq ?1 of
// at most ?2 rows.
inline std::string Paged(const std::string& select, const std::string& filter) {
  return select + " WHERE seq > ?1" + filter + " ORDER BY seq LIMIT ?2";
}

template <typename E, std::size_t N>
TableStatements StatementsOf(std::string_view table, const Column<E> (&columns)[N],
                             Dialect dialect) {
  const std::span<const Column<E>> list(columns);
  const std::string name(table);
  TableStatements s;
  s.select = "SELECT seq, " + SelectList(list) + " FROM " + name;
  s.get = InDialect(s.select + " WHERE id = ?1", dialect);
  s.insert = InDialect(
      "INSERT INTO " + name + " (" + NameList(list) + ") VALUES (" + Placeholders(N) + ")",
      dialect);
  s.update =
      InDialect("UPDATE " + name + " SET " + AssignmentsAfterKey(list) + " WHERE id = ?1", dialect);
  s.remove = InDialect("DELETE FROM " + name + " WHERE id = ?1", dialect);
  return s;
}

}  // namespace licensor::storage
