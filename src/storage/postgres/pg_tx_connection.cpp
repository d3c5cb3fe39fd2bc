#include "storage/postgres/pg_tx_connection.hpp"

namespace licensor::storage::postgres {

Status PgTxConnection::Begin() {
  if (begun_) return Status::Ok();
  if (!conn_) {
    if (!may_wait_) return Status(ErrorCode::kWouldBlock, "the transaction needs the database");
    LICENSOR_ASSIGN_OR_RETURN(conn_, acquire_());
  }
  LICENSOR_RETURN_IF_ERROR(conn_->Exec(begin_));
  begun_ = true;
  return Status::Ok();
}

Status PgTxConnection::Exec(const char* sql) {
  LICENSOR_RETURN_IF_ERROR(Begin());
  return conn_->Exec(sql);
}

Result<PgResult> PgTxConnection::Query(const char* sql, const PgParams& params) {
  LICENSOR_RETURN_IF_ERROR(Begin());
  return conn_->Query(sql, params);
}

Status PgTxConnection::End(bool commit) {
  if (!begun_) return Status::Ok();
  begun_ = false;
  if (commit) {
    const Status committed = conn_->Exec("COMMIT");
    if (committed.ok()) return committed;
    (void)conn_->Exec("ROLLBACK");
    return committed;
  }
  (void)conn_->Exec("ROLLBACK");
  return Status::Ok();
}

}  // namespace licensor::storage::postgres
