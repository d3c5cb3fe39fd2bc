// Installations and the files issued to them in PostgreSQL. The statements are one text with
// SQLite's (storage/licensing_sql.hpp).
#include "storage/licensing_sql.hpp"
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;

const LicensingSql& Sql() { return StatementsFor<LicensingSql>(Dialect::kPostgres); }

}  // namespace

Status PgTx::InsertInstallation(const Installation& i) {
  return InsertRow(conn_, Sql().installations.insert, i, tables::kInstallations);
}
Result<std::optional<Installation>> PgTx::GetInstallation(const std::string& id) {
  return One<Installation>(conn_.Query(Sql().installations.get.c_str(), id),
                           RowsOf(tables::kInstallations));
}
Result<Page<Installation>> PgTx::ListInstallations(const std::optional<std::string>& customer_id,
                                                   const PageRequest& page) {
  return PageOf<Installation>(
      conn_.Query(Sql().list_installations.c_str(), page.after_seq, page.limit + 1, customer_id),
      page.limit, RowsOf(tables::kInstallations));
}
Status PgTx::InsertInstallationFile(const InstallationFile& f) {
  return InsertRow(conn_, Sql().installation_files.insert, f, tables::kInstallationFiles);
}
Result<Page<InstallationFile>> PgTx::ListInstallationFiles(const std::string& installation_id,
                                                           const PageRequest& page) {
  return PageOf<InstallationFile>(conn_.Query(Sql().list_installation_files.c_str(), page.after_seq,
                                              page.limit + 1, installation_id),
                                  page.limit, RowsOf(tables::kInstallationFiles));
}
Result<std::int64_t> PgTx::CountInstallationFiles(const std::string& installation_id,
                                                  const std::string& kind) {
  return Count(conn_.Query(Sql().count_installation_files.c_str(), installation_id, kind));
}

}  // namespace licensor::storage::postgres
