// Installations and the files issued to them in PostgreSQL.
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/rows.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;

#define LICENSOR_PG_INSTALLATION \
  "SELECT seq, id, customer_id, tenant_id, environment, name, license_id, created_at "
constexpr const char* kInsertInstallation =
    "INSERT INTO installations (id, customer_id, tenant_id, environment, name, license_id, "
    "created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)";
constexpr const char* kGetInstallation =
    LICENSOR_PG_INSTALLATION "FROM installations WHERE id = $1";
constexpr const char* kListInstallations = LICENSOR_PG_INSTALLATION
    "FROM installations WHERE seq > $1 AND ($3::text IS NULL OR customer_id = $3) "
    "ORDER BY seq LIMIT $2";
constexpr const char* kInsertInstallationFile =
    "INSERT INTO installation_files (id, installation_id, kind, version, issued_at, actor, file) "
    "VALUES ($1,$2,$3,$4,$5,$6,$7)";
constexpr const char* kListInstallationFiles =
    "SELECT seq, id, installation_id, kind, version, issued_at, actor, file "
    "FROM installation_files WHERE seq > $1 AND installation_id = $3 ORDER BY seq LIMIT $2";
constexpr const char* kCountInstallationFiles =
    "SELECT COUNT(*) FROM installation_files WHERE installation_id = $1 AND kind = $2";

const auto kInstallation = ReadInstallation<PgRow>;
const auto kInstallationFile = ReadInstallationFile<PgRow>;

}  // namespace

Status PgTx::InsertInstallation(const Installation& i) {
  return conn_
      .Query(kInsertInstallation, i.id, i.customer_id, i.tenant_id, i.environment, i.name,
             i.license_id, i.created_at)
      .status();
}
Result<std::optional<Installation>> PgTx::GetInstallation(const std::string& id) {
  return One<Installation>(conn_.Query(kGetInstallation, id), kInstallation);
}
Result<Page<Installation>> PgTx::ListInstallations(const std::optional<std::string>& customer_id,
                                                   const PageRequest& page) {
  return PageOf<Installation>(
      conn_.Query(kListInstallations, page.after_seq, page.limit + 1, customer_id), page.limit,
      kInstallation);
}
Status PgTx::InsertInstallationFile(const InstallationFile& f) {
  return conn_
      .Query(kInsertInstallationFile, f.id, f.installation_id, f.kind, f.version, f.issued_at,
             f.actor, f.file)
      .status();
}
Result<Page<InstallationFile>> PgTx::ListInstallationFiles(const std::string& installation_id,
                                                           const PageRequest& page) {
  return PageOf<InstallationFile>(
      conn_.Query(kListInstallationFiles, page.after_seq, page.limit + 1, installation_id),
      page.limit, kInstallationFile);
}
Result<std::int64_t> PgTx::CountInstallationFiles(const std::string& installation_id,
                                                  const std::string& kind) {
  return Count(conn_.Query(kCountInstallationFiles, installation_id, kind));
}

}  // namespace licensor::storage::postgres
