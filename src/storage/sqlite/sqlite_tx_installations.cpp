// SQLite statements for installations and the files issued for them.
#include "storage/rows.hpp"
#include "storage/sqlite/sqlite_tx.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;

constexpr const char* kInsertInstallation =
    "INSERT INTO installations (id, customer_id, tenant_id, environment, name, license_id, "
    "created_at) VALUES (?1,?2,?3,?4,?5,?6,?7)";
#define LICENSOR_INSTALLATION_COLUMNS \
  "seq, id, customer_id, tenant_id, environment, name, license_id, created_at"
constexpr const char* kGetInstallation =
    "SELECT " LICENSOR_INSTALLATION_COLUMNS " FROM installations WHERE id = ?1";
constexpr const char* kListInstallations =
    "SELECT " LICENSOR_INSTALLATION_COLUMNS
    " FROM installations WHERE seq > ?1 AND (?3 IS NULL OR customer_id = ?3) "
    "ORDER BY seq LIMIT ?2";
constexpr const char* kInsertFile =
    "INSERT INTO installation_files (id, installation_id, kind, version, issued_at, actor, file) "
    "VALUES (?1,?2,?3,?4,?5,?6,?7)";
constexpr const char* kListFiles =
    "SELECT seq, id, installation_id, kind, version, issued_at, actor, file "
    "FROM installation_files WHERE seq > ?1 AND installation_id = ?3 ORDER BY seq LIMIT ?2";
constexpr const char* kCountFiles =
    "SELECT COUNT(*) FROM installation_files WHERE installation_id = ?1 AND kind = ?2";

}  // namespace

Status SqliteTx::InsertInstallation(const Installation& i) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertInstallation));
  return stmt
      .Bind(i.id, i.customer_id, i.tenant_id, i.environment, i.name, i.license_id, i.created_at)
      .Run();
}

Result<std::optional<Installation>> SqliteTx::GetInstallation(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetInstallation));
  return ReadOne<Installation>(stmt.Bind(id), ReadInstallation<Statement>);
}

Result<Page<Installation>> SqliteTx::ListInstallations(
    const std::optional<std::string>& customer_id, const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListInstallations));
  return ReadPage<Installation>(stmt.Bind(page.after_seq, page.limit + 1, customer_id), page.limit,
                                ReadInstallation<Statement>);
}

Status SqliteTx::InsertInstallationFile(const InstallationFile& f) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertFile));
  return stmt.Bind(f.id, f.installation_id, f.kind, f.version, f.issued_at, f.actor, f.file).Run();
}

Result<Page<InstallationFile>> SqliteTx::ListInstallationFiles(const std::string& installation_id,
                                                               const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListFiles));
  return ReadPage<InstallationFile>(stmt.Bind(page.after_seq, page.limit + 1, installation_id),
                                    page.limit, ReadInstallationFile<Statement>);
}

Result<std::int64_t> SqliteTx::CountInstallationFiles(const std::string& installation_id,
                                                      const std::string& kind) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kCountFiles));
  return ReadCount(stmt.Bind(installation_id, kind));
}

}  // namespace licensor::storage::sqlite
