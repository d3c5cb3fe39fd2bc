// The server keys in SQLite. The statements are one text with PostgreSQL's
// (storage/keys_sql.hpp).
#include "storage/keys_sql.hpp"
#include "storage/sqlite/sqlite_tx.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;
using namespace rows;  // how the tables' rows are read (storage/tables.hpp)

const KeysSql& Sql() { return StatementsFor<KeysSql>(Dialect::kSqlite); }

}  // namespace

Result<std::optional<KeyRingRecord>> SqliteTx::GetKeyRing() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().get_ring.c_str()));
  return ReadOne<KeyRingRecord>(stmt, kKeyRing);
}

Status SqliteTx::InsertKeyRing(const KeyRingRecord& ring) {
  return InsertRow(conn_, Sql().insert_ring, ring, tables::kKeyRing);
}

Result<std::int64_t> SqliteTx::RaiseKeyGeneration() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().raise_generation.c_str()));
  LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
  if (!row) return Status::NotFound("key ring not found");
  return stmt.Int(0);
}

Result<std::vector<SigningKeyRecord>> SqliteTx::ListSigningKeys() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_signing_keys.c_str()));
  return ReadAll<SigningKeyRecord>(stmt, kSigningKey);
}

Status SqliteTx::InsertSigningKey(const SigningKeyRecord& key) {
  return InsertRow(conn_, Sql().signing_keys.insert, key, tables::kSigningKeys);
}

Status SqliteTx::UpdateSigningKey(const SigningKeyRecord& key) {
  return UpdateRow(conn_, Sql().signing_keys.update, key, tables::kSigningKeys, "signing key");
}

}  // namespace licensor::storage::sqlite
