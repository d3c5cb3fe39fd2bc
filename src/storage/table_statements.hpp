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

// "SELECT seq, <columns> FROM <table>"; rows are read from column 1 (RowsOf).
template <typename E, std::size_t N>
std::string SelectFrom(std::string_view table, const Column<E> (&columns)[N]) {
  return "SELECT seq, " + SelectList<E>(columns) + " FROM " + std::string(table);
}

// "INSERT INTO <table> (<columns>) VALUES (?1, ...)", bound with ValuesOf(entity, columns).
template <typename E, std::size_t N>
std::string InsertInto(std::string_view table, const Column<E> (&columns)[N]) {
  return "INSERT INTO " + std::string(table) + " (" + NameList<E>(columns) + ") VALUES (" +
         Placeholders(N) + ")";
}

// "UPDATE <table> SET <column 2> = ?2, ... WHERE <column 1> = ?1": the list's first column is
// the row's key. Bound with ValuesOf(entity, columns).
template <typename E>
std::string UpdateByKey(std::string_view table, std::span<const Column<E>> columns) {
  return "UPDATE " + std::string(table) + " SET " + AssignmentsAfterKey(columns) + " WHERE " +
         std::string(columns[0].name) + " = ?1";
}

template <typename E, std::size_t N>
TableStatements StatementsOf(std::string_view table, const Column<E> (&columns)[N],
                             Dialect dialect) {
  TableStatements s;
  s.select = SelectFrom(table, columns);
  s.get = InDialect(s.select + " WHERE id = ?1", dialect);
  s.insert = InDialect(InsertInto(table, columns), dialect);
  s.update = InDialect(UpdateByKey<E>(table, columns), dialect);
  s.remove = InDialect("DELETE FROM " + std::string(table) + " WHERE id = ?1", dialect);
  return s;
}

}  // namespace licensor::storage
