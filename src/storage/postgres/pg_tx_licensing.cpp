// Licenses and their activations in PostgreSQL. Nullable filter parameters carry a type cast
// because PostgreSQL cannot infer the type of a bare "$3 IS NULL".
#include <nlohmann/json.hpp>

#include "storage/activation_component_sql.hpp"
#include "storage/license_code_sql.hpp"
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/rows.hpp"
#include "storage/sql_text.hpp"
#include "storage/validation_view.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;
using Json = nlohmann::json;

#define LICENSOR_PG_LICENSE                                                                     \
  "SELECT l.seq, l.id, l.code, l.policy_id, l.product_id, l.customer_id, l.status, "            \
  "l.duration_days, l.validity_basis, l.expires_at, l.max_activations, l.features, l.version, " \
  "l.first_activated_at, l.created_at, l.updated_at, l.activations_count, "                     \
  "l.stale_activations > 0 FROM licenses l "
constexpr const char* kInsertLicense =
    "INSERT INTO licenses (id, code, policy_id, product_id, customer_id, status, duration_days, "
    "validity_basis, expires_at, max_activations, features, version, first_activated_at, "
    "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)";
constexpr const char* kUpdateLicense =
    "UPDATE licenses SET status = $2, duration_days = $3, validity_basis = $4, expires_at = $5, "
    "max_activations = $6, features = $7, version = $8, first_activated_at = $9, "
    "updated_at = $10, policy_id = $11 WHERE id = $1";
constexpr const char* kDeleteLicense = "DELETE FROM licenses WHERE id = $1";
constexpr const char* kGetLicense = LICENSOR_PG_LICENSE "WHERE l.id = $1";
constexpr const char* kGetLicenseForUpdate = LICENSOR_PG_LICENSE "WHERE l.id = $1 FOR UPDATE";
constexpr const char* kGetLicenseByCode =
    LICENSOR_PG_LICENSE "WHERE " LICENSOR_LICENSE_CODE_IS("$1");
constexpr const char* kGetLicenseByCodeForUpdate =
    LICENSOR_PG_LICENSE "WHERE " LICENSOR_LICENSE_CODE_IS("$1") " FOR UPDATE";
#define LICENSOR_PG_LICENSE_FILTER                                                       \
  "($1::text IS NULL OR l.customer_id = $1) AND ($2::text IS NULL OR l.policy_id = $2) " \
  "AND ($3::text IS NULL OR l.product_id = $3) AND ($4::text IS NULL OR l.status = $4) " \
  "AND ($5::bigint IS NULL OR l.expires_at <= $5) AND ($6::text IS NULL "                \
  "OR " LICENSOR_LICENSE_CODE_IS("$6") ")"
constexpr const char* kListLicenses = LICENSOR_PG_LICENSE "WHERE " LICENSOR_PG_LICENSE_FILTER
                                                          " AND l.seq > $7 ORDER BY l.seq LIMIT $8";
constexpr const char* kCountLicenses =
    "SELECT COUNT(*) FROM licenses l WHERE " LICENSOR_PG_LICENSE_FILTER;
constexpr const char* kCountLicensesByStatus =
    "SELECT status, COUNT(*) FROM licenses GROUP BY status";
constexpr const char* kCountActivationsByState =
    "SELECT state, COUNT(*) FROM activations GROUP BY state";
constexpr const char* kListLicensesPastExpiry = LICENSOR_PG_LICENSE
    "JOIN policies p ON p.id = l.policy_id WHERE l.status = 'ACTIVE' AND l.expires_at IS NOT "
    "NULL AND l.expires_at + p.expiry_grace_days * 86400 <= $1 ORDER BY l.seq LIMIT $2";

#define LICENSOR_PG_ACTIVATION                                                              \
  "SELECT a.seq, a.id, a.license_id, a.fingerprint, a.components, a.hostname, a.platform, " \
  "a.state, a.fetched_version, a.activated_at, a.last_seen_at, a.offline FROM activations a "
constexpr const char* kInsertActivation =
    "INSERT INTO activations (id, license_id, fingerprint, components, hostname, platform, state, "
    "fetched_version, activated_at, last_seen_at, offline) VALUES "
    "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)";
constexpr const char* kUpdateActivation =
    "UPDATE activations SET license_id = $2, fingerprint = $3, components = $4, hostname = $5, "
    "platform = $6, state = $7, fetched_version = $8, activated_at = $9, last_seen_at = $10, "
    "offline = $11 WHERE id = $1";
constexpr const char* kDeleteActivation = "DELETE FROM activations WHERE id = $1";
constexpr const char* kGetActivation = LICENSOR_PG_ACTIVATION "WHERE a.id = $1";
constexpr const char* kFindActivation =
    LICENSOR_PG_ACTIVATION "WHERE a.license_id = $1 AND a.fingerprint = $2";
// As in the SQLite store: alive is not marked dead and heard from since $4 (core::AliveSince).
constexpr const char* kListActivationPage = LICENSOR_PG_ACTIVATION
    "WHERE a.license_id = $1 AND ($3::bigint IS NULL OR (a.state = 'ALIVE' AND "
    "($4::bigint IS NULL OR a.last_seen_at >= $4))::int = $3) AND ($5::bigint IS NULL OR "
    "a.offline = $5) AND ($6::text IS NULL OR a.fingerprint = $6) AND ($7::text IS NULL OR "
    "a.hostname = $7) AND a.seq > $2 ORDER BY a.seq LIMIT $8";
constexpr PgStatement kFindActivationsWithComponent(
    activation_component_sql::kFindActivationsWithComponent);
constexpr const char* kListOverdueActivations = LICENSOR_PG_ACTIVATION
    "JOIN licenses l ON l.id = a.license_id JOIN policies p ON p.id = l.policy_id "
    "WHERE a.state = 'ALIVE' AND a.offline = 0 AND p.heartbeat_interval_s IS NOT NULL "
    "AND a.last_seen_at + p.heartbeat_interval_s + p.heartbeat_grace_s < $1 "
    "ORDER BY a.seq LIMIT $2";

std::optional<std::string_view> StatusName(const std::optional<LicenseStatus>& status) {
  if (!status) return std::nullopt;
  return ToString(*status);
}

Result<PgResult> QueryActivation(PgConnection& conn, const char* sql, const Activation& a) {
  return conn.Query(sql, a.id, a.license_id, a.fingerprint, Json(a.components).dump(), a.hostname,
                    a.platform, ToString(a.state), a.fetched_version, a.activated_at,
                    a.last_seen_at, static_cast<std::int64_t>(a.offline));
}

const auto kLicense = ReadLicense<PgRow>;
const auto kActivation = ReadActivation<PgRow>;

}  // namespace

Status PgTx::InsertLicense(const License& l) {
  return conn_
      .Query(kInsertLicense, l.id, l.code, l.policy_id, l.product_id, l.customer_id,
             ToString(l.status), l.duration_days, ToString(l.validity_basis), l.expires_at,
             l.max_activations, Json(l.features).dump(), l.version, l.first_activated_at,
             l.created_at, l.updated_at)
      .status();
}
Status PgTx::UpdateLicense(const License& l) {
  return Changed(conn_.Query(kUpdateLicense, l.id, ToString(l.status), l.duration_days,
                             ToString(l.validity_basis), l.expires_at, l.max_activations,
                             Json(l.features).dump(), l.version, l.first_activated_at, l.updated_at,
                             l.policy_id),
                 "license");
}
Status PgTx::DeleteLicense(const std::string& id) {
  return Changed(conn_.Query(kDeleteLicense, id), "license");
}
Result<std::optional<License>> PgTx::GetLicense(const std::string& id) {
  return One<License>(conn_.Query(write_ ? kGetLicenseForUpdate : kGetLicense, id), kLicense);
}
Result<std::optional<License>> PgTx::GetLicenseByCode(const std::string& code) {
  return One<License>(conn_.Query(write_ ? kGetLicenseByCodeForUpdate : kGetLicenseByCode, code),
                      kLicense);
}
Result<Page<License>> PgTx::ListLicenses(const LicenseFilter& f, const PageRequest& page) {
  return PageOf<License>(
      conn_.Query(kListLicenses, f.customer_id, f.policy_id, f.product_id, StatusName(f.status),
                  f.expires_by, f.code, page.after_seq, page.limit + 1),
      page.limit, kLicense);
}
Result<std::int64_t> PgTx::CountLicenses(const LicenseFilter& f) {
  return Count(conn_.Query(kCountLicenses, f.customer_id, f.policy_id, f.product_id,
                           StatusName(f.status), f.expires_by, f.code));
}
namespace {
Result<std::map<std::string, std::int64_t>> GroupCounts(Result<PgResult> result) {
  if (!result.ok()) return result.status();
  std::map<std::string, std::int64_t> counts;
  for (int i = 0; i < result->rows(); ++i) counts[result->row(i).Text(0)] = result->row(i).Int(1);
  return counts;
}
}  // namespace
Result<std::map<std::string, std::int64_t>> PgTx::CountLicensesByStatus() {
  return GroupCounts(conn_.Query(kCountLicensesByStatus));
}
Result<std::map<std::string, std::int64_t>> PgTx::CountActivationsByState() {
  return GroupCounts(conn_.Query(kCountActivationsByState));
}
Result<std::vector<License>> PgTx::ListLicensesPastExpiry(UnixSeconds now, int limit) {
  return All<License>(conn_.Query(kListLicensesPastExpiry, now, limit), kLicense);
}

Status PgTx::InsertActivation(const Activation& a) {
  return QueryActivation(conn_, kInsertActivation, a).status();
}
Status PgTx::UpdateActivation(const Activation& a) {
  return Changed(QueryActivation(conn_, kUpdateActivation, a), "activation");
}
Status PgTx::DeleteActivation(const std::string& id) {
  return Changed(conn_.Query(kDeleteActivation, id), "activation");
}
Result<std::optional<Activation>> PgTx::GetActivation(const std::string& id) {
  return One<Activation>(conn_.Query(kGetActivation, id), kActivation);
}
Result<std::optional<Activation>> PgTx::FindActivation(const std::string& license_id,
                                                       const std::string& fingerprint) {
  return One<Activation>(conn_.Query(kFindActivation, license_id, fingerprint), kActivation);
}
Result<Page<Activation>> PgTx::ListActivationPage(const std::string& license_id,
                                                  const ActivationFilter& f,
                                                  const PageRequest& page) {
  return PageOf<Activation>(
      conn_.Query(kListActivationPage, license_id, page.after_seq, AsInt(f.alive), f.alive_since,
                  AsInt(f.offline), f.fingerprint, f.hostname, page.limit + 1),
      page.limit, kActivation);
}

Result<std::vector<std::string>> PgTx::FindActivationsWithComponent(const std::string& license_id,
                                                                    const std::string& name,
                                                                    const std::string& value,
                                                                    int limit) {
  LICENSOR_ASSIGN_OR_RETURN(
      const PgResult result,
      conn_.Query(kFindActivationsWithComponent.c_str(), license_id, name, value, limit));
  std::vector<std::string> ids;
  for (int i = 0; i < result.rows(); ++i) ids.push_back(result.row(i).Text(0));
  return ids;
}

Result<std::vector<Activation>> PgTx::ListOverdueActivations(UnixSeconds now, int limit) {
  return All<Activation>(conn_.Query(kListOverdueActivations, now, limit), kActivation);
}

// No cache here: several nodes share the database, and a node cannot see the others' commits.
Result<std::shared_ptr<const ValidationView>> PgTx::GetValidationView(
    const std::string& code, const std::optional<std::string>& fingerprint) {
  LICENSOR_ASSIGN_OR_RETURN(auto view, LoadValidationView(*this, code, fingerprint));
  return std::shared_ptr<const ValidationView>(std::move(view));
}

}  // namespace licensor::storage::postgres
