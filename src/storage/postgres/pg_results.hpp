// Reading libpq results into Licensor's types: one row, all rows, a keyset page, a change count.
// Shared by the PostgreSQL StoreTx files.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "core/store.hpp"
#include "storage/columns.hpp"
#include "storage/postgres/pg_tx_connection.hpp"

namespace licensor::storage::postgres {

template <typename T, typename ReadRow>
Result<std::optional<T>> One(Result<PgResult> result, ReadRow read) {
  if (!result.ok()) return result.status();
  if (result->rows() == 0) return std::optional<T>();
  return std::optional<T>(read(result->row(0)));
}

template <typename T, typename ReadRow>
Result<std::vector<T>> All(Result<PgResult> result, ReadRow read) {
  if (!result.ok()) return result.status();
  std::vector<T> rows;
  for (int i = 0; i < result->rows(); ++i) rows.push_back(read(result->row(i)));
  return rows;
}

// The query asked for limit+1 rows ordered by seq (column 0); the extra one means "more".
template <typename T, typename ReadRow>
Result<core::Page<T>> PageOf(Result<PgResult> result, int limit, ReadRow read) {
  if (!result.ok()) return result.status();
  core::Page<T> page;
  const int n = std::min(result->rows(), limit);
  for (int i = 0; i < n; ++i) page.items.push_back(read(result->row(i)));
  if (result->rows() > limit) page.next_after_seq = result->row(limit - 1).Int(0);
  return page;
}

inline Status Changed(Result<PgResult> result, const char* kind) {
  if (!result.ok()) return result.status();
  if (result->affected() == 0) return Status::NotFound(std::string(kind) + " not found");
  return Status::Ok();
}

inline Result<std::int64_t> Count(Result<PgResult> result) {
  if (!result.ok()) return result.status();
  return result->rows() > 0 ? result->row(0).Int(0) : 0;
}

// Writes `entity` through `columns` with an INSERT, or with an UPDATE that must find its row
// (`kind` names it in the "not found").
template <typename E>
Status InsertRow(PgTxConnection& conn, const std::string& insert, const E& entity,
                 std::type_identity_t<std::span<const Column<E>>> columns) {
  return conn.Query(insert.c_str(), PgParams::From(ValuesOf<E>(entity, columns))).status();
}
template <typename E>
Status UpdateRow(PgTxConnection& conn, const std::string& update, const E& entity,
                 std::type_identity_t<std::span<const Column<E>>> columns, const char* kind) {
  return Changed(conn.Query(update.c_str(), PgParams::From(ValuesOf<E>(entity, columns))), kind);
}

}  // namespace licensor::storage::postgres
