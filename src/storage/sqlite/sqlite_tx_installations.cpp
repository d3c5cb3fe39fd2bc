// Installations and the files issued to them in SQLite. The statements are one text with
// PostgreSQL's (storage/licensing_sql.hpp).
#include "storage/licensing_sql.hpp"
#include "storage/sqlite/sqlite_tx.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;

const LicensingSql& Sql() { return StatementsFor<LicensingSql>(Dialect::kSqlite); }

}  // namespace

Status SqliteTx::InsertInstallation(const Installation& i) {
  return InsertRow(conn_, Sql().installations.insert, i, tables::kInstallations);
}

Result<std::optional<Installation>> SqliteTx::GetInstallation(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().installations.get.c_str()));
  return ReadOne<Installation>(stmt.Bind(id), RowsOf(tables::kInstallations));
}

Result<Page<Installation>> SqliteTx::ListInstallations(
    const std::optional<std::string>& customer_id, const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_installations.c_str()));
  return ReadPage<Installation>(stmt.Bind(page.after_seq, page.limit + 1, customer_id), page.limit,
                                RowsOf(tables::kInstallations));
}

Status SqliteTx::InsertInstallationFile(const InstallationFile& f) {
  return InsertRow(conn_, Sql().installation_files.insert, f, tables::kInstallationFiles);
}

Result<Page<InstallationFile>> SqliteTx::ListInstallationFiles(const std::string& installation_id,
                                                               const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_installation_files.c_str()));
  return ReadPage<InstallationFile>(stmt.Bind(page.after_seq, page.limit + 1, installation_id),
                                    page.limit, RowsOf(tables::kInstallationFiles));
}

Result<std::int64_t> SqliteTx::CountInstallationFiles(const std::string& installation_id,
                                                      const std::string& kind) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().count_installation_files.c_str()));
  return ReadCount(stmt.Bind(installation_id, kind));
}

}  // namespace licensor::storage::sqlite
