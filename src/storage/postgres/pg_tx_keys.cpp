// The server keys in PostgreSQL. The statements are one text with SQLite's
// (storage/keys_sql.hpp).
#include "storage/keys_sql.hpp"
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;
using namespace rows;  // how the tables' rows are read (storage/tables.hpp)

const KeysSql& Sql() { return StatementsFor<KeysSql>(Dialect::kPostgres); }

}  // namespace

Result<std::optional<KeyRingRecord>> PgTx::GetKeyRing() {
  return One<KeyRingRecord>(conn_.Query(Sql().get_ring.c_str()), kKeyRing);
}

Status PgTx::InsertKeyRing(const KeyRingRecord& ring) {
  return InsertRow(conn_, Sql().insert_ring, ring, tables::kKeyRing);
}

Result<std::int64_t> PgTx::RaiseKeyGeneration() {
  LICENSOR_ASSIGN_OR_RETURN(const auto result, conn_.Query(Sql().raise_generation.c_str()));
  if (result.rows() == 0) return Status::NotFound("key ring not found");
  return result.row(0).Int(0);
}

Result<std::vector<SigningKeyRecord>> PgTx::ListSigningKeys() {
  return All<SigningKeyRecord>(conn_.Query(Sql().list_signing_keys.c_str()), kSigningKey);
}

Status PgTx::InsertSigningKey(const SigningKeyRecord& key) {
  return InsertRow(conn_, Sql().signing_keys.insert, key, tables::kSigningKeys);
}

Status PgTx::UpdateSigningKey(const SigningKeyRecord& key) {
  return UpdateRow(conn_, Sql().signing_keys.update, key, tables::kSigningKeys, "signing key");
}

}  // namespace licensor::storage::postgres
