// PostgreSQL statements for every StoreTx method. Nullable filter parameters carry a type cast
// because PostgreSQL cannot infer the type of a bare "$3 IS NULL".
#include "storage/postgres/pg_tx.hpp"

#include <nlohmann/json.hpp>

#include "storage/activation_component_sql.hpp"
#include "storage/catalog_sql.hpp"
#include "storage/license_code_sql.hpp"
#include "storage/postgres/pg_results.hpp"
#include "storage/rows.hpp"
#include "storage/sql_text.hpp"
#include "storage/validation_view.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;
using Json = nlohmann::json;

// The catalogue and tokens: one text with SQLite (storage/catalog_sql.hpp).
constexpr PgStatement kInsertToken(catalog_sql::kInsertToken);
constexpr PgStatement kUpdateToken(catalog_sql::kUpdateToken);
constexpr PgStatement kGetToken(catalog_sql::kGetToken);
constexpr PgStatement kFindTokenByHash(catalog_sql::kFindTokenByHash);
constexpr PgStatement kListTokens(catalog_sql::kListTokens);
constexpr PgStatement kInsertProduct(catalog_sql::kInsertProduct);
constexpr PgStatement kUpdateProduct(catalog_sql::kUpdateProduct);
constexpr PgStatement kDeleteProduct(catalog_sql::kDeleteProduct);
constexpr PgStatement kGetProduct(catalog_sql::kGetProduct);
constexpr PgStatement kListProducts(catalog_sql::kListProducts);
constexpr PgStatement kInsertCustomer(catalog_sql::kInsertCustomer);
constexpr PgStatement kUpdateCustomer(catalog_sql::kUpdateCustomer);
constexpr PgStatement kDeleteCustomer(catalog_sql::kDeleteCustomer);
constexpr PgStatement kGetCustomer(catalog_sql::kGetCustomer);
constexpr PgStatement kListCustomers(catalog_sql::kListCustomers);
constexpr PgStatement kCountChildCustomers(catalog_sql::kCountChildCustomers);
constexpr PgStatement kInsertPolicy(catalog_sql::kInsertPolicy);
constexpr PgStatement kUpdatePolicy(catalog_sql::kUpdatePolicy);
constexpr PgStatement kDeletePolicy(catalog_sql::kDeletePolicy);
constexpr PgStatement kGetPolicy(catalog_sql::kGetPolicy);
constexpr PgStatement kListPolicies(catalog_sql::kListPolicies);
constexpr PgStatement kCountPolicies(catalog_sql::kCountPolicies);

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

constexpr const char* kAppendEvent =
    "INSERT INTO events (id, at, actor, action, resource_type, resource_id, before, after, "
    "address) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING seq";
constexpr const char* kListEvents =
    "SELECT seq, id, at, actor, action, resource_type, resource_id, before, after, address "
    "FROM events WHERE seq > $1 AND ($3::text IS NULL OR resource_type = $3) "
    "AND ($4::text IS NULL OR resource_id = $4) AND ($5::bigint IS NULL OR at >= $5) "
    "AND ($6::bigint IS NULL OR at <= $6) AND ($7::text IS NULL OR action = $7) "
    "AND ($8::text IS NULL OR actor = $8) ORDER BY seq LIMIT $2";

std::optional<std::string_view> StatusName(const std::optional<LicenseStatus>& status) {
  if (!status) return std::nullopt;
  return ToString(*status);
}

Result<PgResult> QueryPolicy(PgConnection& conn, const char* sql, const Policy& p) {
  return conn.Query(sql, p.id, p.product_id, p.name, p.duration_days, ToString(p.validity_basis),
                    p.max_activations, Json(p.features).dump(), ToString(p.deployment_mode),
                    p.trial, p.heartbeat_interval_s, p.heartbeat_grace_s,
                    ToString(p.dead_activation), Json(p.fingerprint_rule.components).dump(),
                    p.fingerprint_rule.min_matching, p.expiry_grace_days, p.created_at,
                    p.updated_at, p.offline_grace_s);
}

Result<PgResult> QueryActivation(PgConnection& conn, const char* sql, const Activation& a) {
  return conn.Query(sql, a.id, a.license_id, a.fingerprint, Json(a.components).dump(), a.hostname,
                    a.platform, ToString(a.state), a.fetched_version, a.activated_at,
                    a.last_seen_at, static_cast<std::int64_t>(a.offline));
}

const auto kToken = ReadToken<PgRow>;
const auto kProduct = ReadProduct<PgRow>;
const auto kInstallation = ReadInstallation<PgRow>;
const auto kInstallationFile = ReadInstallationFile<PgRow>;
const auto kCustomer = ReadCustomer<PgRow>;
const auto kPolicy = ReadPolicy<PgRow>;
const auto kLicense = ReadLicense<PgRow>;
const auto kActivation = ReadActivation<PgRow>;
const auto kEvent = ReadEvent<PgRow>;

}  // namespace

Status PgTx::InsertToken(const ApiToken& t) {
  return conn_
      .Query(kInsertToken.c_str(), t.id, t.name, ToString(t.role), t.hash, t.created_at,
             t.revoked_at, t.customer_id)
      .status();
}
Status PgTx::UpdateToken(const ApiToken& t) {
  return Changed(conn_.Query(kUpdateToken.c_str(), t.id, t.name, t.revoked_at), "token");
}
Result<std::optional<ApiToken>> PgTx::GetToken(const std::string& id) {
  return One<ApiToken>(conn_.Query(kGetToken.c_str(), id), kToken);
}
Result<std::optional<ApiToken>> PgTx::FindTokenByHash(const std::string& hash) {
  return One<ApiToken>(conn_.Query(kFindTokenByHash.c_str(), hash), kToken);
}
Result<Page<ApiToken>> PgTx::ListTokens(const PageRequest& page) {
  return PageOf<ApiToken>(conn_.Query(kListTokens.c_str(), page.after_seq, page.limit + 1),
                          page.limit, kToken);
}

Status PgTx::InsertProduct(const Product& p) {
  return conn_.Query(kInsertProduct.c_str(), p.id, p.name, p.created_at, p.updated_at).status();
}
Status PgTx::UpdateProduct(const Product& p) {
  return Changed(conn_.Query(kUpdateProduct.c_str(), p.id, p.name, p.updated_at), "product");
}
Status PgTx::DeleteProduct(const std::string& id) {
  return Changed(conn_.Query(kDeleteProduct.c_str(), id), "product");
}
Result<std::optional<Product>> PgTx::GetProduct(const std::string& id) {
  return One<Product>(conn_.Query(kGetProduct.c_str(), id), kProduct);
}
Result<Page<Product>> PgTx::ListProducts(const PageRequest& page) {
  return PageOf<Product>(conn_.Query(kListProducts.c_str(), page.after_seq, page.limit + 1),
                         page.limit, kProduct);
}

Status PgTx::InsertCustomer(const Customer& c) {
  return conn_
      .Query(kInsertCustomer.c_str(), c.id, c.name, c.email, c.parent_id, c.created_at,
             c.updated_at, c.allow_superior_manage_licenses)
      .status();
}
Status PgTx::UpdateCustomer(const Customer& c) {
  return Changed(conn_.Query(kUpdateCustomer.c_str(), c.id, c.name, c.email, c.parent_id,
                             c.updated_at, c.allow_superior_manage_licenses),
                 "customer");
}
Status PgTx::DeleteCustomer(const std::string& id) {
  return Changed(conn_.Query(kDeleteCustomer.c_str(), id), "customer");
}
Result<std::optional<Customer>> PgTx::GetCustomer(const std::string& id) {
  return One<Customer>(conn_.Query(kGetCustomer.c_str(), id), kCustomer);
}
Result<Page<Customer>> PgTx::ListCustomers(const std::optional<std::string>& parent_id,
                                           const PageRequest& page) {
  return PageOf<Customer>(
      conn_.Query(kListCustomers.c_str(), page.after_seq, page.limit + 1, parent_id), page.limit,
      kCustomer);
}
Result<std::int64_t> PgTx::CountChildCustomers(const std::string& id) {
  return Count(conn_.Query(kCountChildCustomers.c_str(), id));
}

Status PgTx::InsertPolicy(const Policy& p) {
  return QueryPolicy(conn_, kInsertPolicy.c_str(), p).status();
}
Status PgTx::UpdatePolicy(const Policy& p) {
  return Changed(QueryPolicy(conn_, kUpdatePolicy.c_str(), p), "policy");
}
Status PgTx::DeletePolicy(const std::string& id) {
  return Changed(conn_.Query(kDeletePolicy.c_str(), id), "policy");
}
Result<std::optional<Policy>> PgTx::GetPolicy(const std::string& id) {
  return One<Policy>(conn_.Query(kGetPolicy.c_str(), id), kPolicy);
}
Result<Page<Policy>> PgTx::ListPolicies(const std::optional<std::string>& product_id,
                                        const PageRequest& page) {
  return PageOf<Policy>(
      conn_.Query(kListPolicies.c_str(), page.after_seq, page.limit + 1, product_id), page.limit,
      kPolicy);
}
Result<std::int64_t> PgTx::CountPolicies(const std::string& product_id) {
  return Count(conn_.Query(kCountPolicies.c_str(), product_id));
}

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

Status PgTx::AppendEvent(Event& e) {
  LICENSOR_ASSIGN_OR_RETURN(
      const auto result, conn_.Query(kAppendEvent, e.id, e.at, e.actor, e.action, e.resource_type,
                                     e.resource_id, e.before, e.after, e.address));
  e.seq = result.row(0).Int(0);
  return Status::Ok();
}
Result<Page<Event>> PgTx::ListEvents(const EventFilter& f, const PageRequest& page) {
  return PageOf<Event>(conn_.Query(kListEvents, page.after_seq, page.limit + 1, f.resource_type,
                                   f.resource_id, f.since, f.until, f.action, f.actor),
                       page.limit, kEvent);
}

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
