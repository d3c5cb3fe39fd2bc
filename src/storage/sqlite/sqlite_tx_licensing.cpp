// SQLite statements for licenses and activations, the hot path of the client API.
#include <nlohmann/json.hpp>

#include "storage/activation_component_sql.hpp"
#include "storage/license_code_sql.hpp"
#include "storage/rows.hpp"
#include "storage/sqlite/sqlite_tx.hpp"
#include "storage/validation_view.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;
using Json = nlohmann::json;
using storage::ReadActivation;
using storage::ReadLicense;

// activations_count and stale_activations are maintained by triggers (see migrations.cpp).
#define LICENSOR_LICENSE_COLUMNS                                                               \
  "l.seq, l.id, l.code, l.policy_id, l.product_id, l.customer_id, l.status, l.duration_days, " \
  "l.validity_basis, l.expires_at, l.max_activations, l.features, l.version, "                 \
  "l.first_activated_at, l.created_at, l.updated_at, l.activations_count, "                    \
  "l.stale_activations > 0"

constexpr const char* kInsertLicense =
    "INSERT INTO licenses (id, code, policy_id, product_id, customer_id, status, duration_days, "
    "validity_basis, expires_at, max_activations, features, version, first_activated_at, "
    "created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)";
constexpr const char* kUpdateLicense =
    "UPDATE licenses SET status = ?2, duration_days = ?3, validity_basis = ?4, expires_at = ?5, "
    "max_activations = ?6, features = ?7, version = ?8, first_activated_at = ?9, "
    "updated_at = ?10, policy_id = ?11 WHERE id = ?1";
constexpr const char* kDeleteLicense = "DELETE FROM licenses WHERE id = ?1";
constexpr const char* kGetLicense =
    "SELECT " LICENSOR_LICENSE_COLUMNS " FROM licenses l WHERE l.id = ?1";
constexpr const char* kGetLicenseByCode =
    "SELECT " LICENSOR_LICENSE_COLUMNS " FROM licenses l WHERE " LICENSOR_LICENSE_CODE_IS("?1");
#define LICENSOR_LICENSE_FILTER                                                  \
  "(?1 IS NULL OR l.customer_id = ?1) AND (?2 IS NULL OR l.policy_id = ?2) AND " \
  "(?3 IS NULL OR l.product_id = ?3) AND (?4 IS NULL OR l.status = ?4) AND "     \
  "(?5 IS NULL OR l.expires_at <= ?5) AND (?6 IS NULL OR " LICENSOR_LICENSE_CODE_IS("?6") ")"
constexpr const char* kListLicenses =
    "SELECT " LICENSOR_LICENSE_COLUMNS " FROM licenses l WHERE " LICENSOR_LICENSE_FILTER
    " AND l.seq > ?7 ORDER BY l.seq LIMIT ?8";
constexpr const char* kCountLicenses =
    "SELECT COUNT(*) FROM licenses l WHERE " LICENSOR_LICENSE_FILTER;
constexpr const char* kCountLicensesByStatus =
    "SELECT status, COUNT(*) FROM licenses GROUP BY status";
constexpr const char* kCountActivationsByState =
    "SELECT state, COUNT(*) FROM activations GROUP BY state";
constexpr const char* kListLicensesPastExpiry =
    "SELECT " LICENSOR_LICENSE_COLUMNS
    " FROM licenses l JOIN policies p ON p.id = l.policy_id "
    "WHERE l.status = 'ACTIVE' AND l.expires_at IS NOT NULL "
    "AND l.expires_at + p.expiry_grace_days * 86400 <= ?1 ORDER BY l.seq LIMIT ?2";

#define LICENSOR_ACTIVATION_COLUMNS                                                  \
  "a.seq, a.id, a.license_id, a.fingerprint, a.components, a.hostname, a.platform, " \
  "a.state, a.fetched_version, a.activated_at, a.last_seen_at, a.offline"
constexpr const char* kInsertActivation =
    "INSERT INTO activations (id, license_id, fingerprint, components, hostname, platform, state, "
    "fetched_version, activated_at, last_seen_at, offline) VALUES "
    "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)";
constexpr const char* kUpdateActivation =
    "UPDATE activations SET license_id = ?2, fingerprint = ?3, components = ?4, hostname = ?5, "
    "platform = ?6, state = ?7, fetched_version = ?8, activated_at = ?9, last_seen_at = ?10, "
    "offline = ?11 WHERE id = ?1";
constexpr const char* kDeleteActivation =
    "DELETE FROM activations WHERE id = ?1 RETURNING license_id";
constexpr const char* kGetActivation =
    "SELECT " LICENSOR_ACTIVATION_COLUMNS " FROM activations a WHERE a.id = ?1";
constexpr const char* kFindActivation = "SELECT " LICENSOR_ACTIVATION_COLUMNS
                                        " FROM activations a WHERE a.license_id = ?1 AND "
                                        "a.fingerprint = ?2";
// Alive: not marked dead, and (?4, from core::AliveSince) heard from recently enough.
constexpr const char* kListActivationPage =
    "SELECT " LICENSOR_ACTIVATION_COLUMNS
    " FROM activations a WHERE a.license_id = ?1 "
    "AND (?3 IS NULL OR (a.state = 'ALIVE' AND (?4 IS NULL OR a.last_seen_at >= ?4)) = ?3) "
    "AND (?5 IS NULL OR a.offline = ?5) AND (?6 IS NULL OR a.fingerprint = ?6) "
    "AND (?7 IS NULL OR a.hostname = ?7) AND a.seq > ?2 ORDER BY a.seq LIMIT ?8";
constexpr const char* kListOverdueActivations =
    "SELECT " LICENSOR_ACTIVATION_COLUMNS
    " FROM activations a JOIN licenses l ON l.id = a.license_id "
    "JOIN policies p ON p.id = l.policy_id "
    "WHERE a.state = 'ALIVE' AND a.offline = 0 AND p.heartbeat_interval_s IS NOT NULL "
    "AND a.last_seen_at + p.heartbeat_interval_s + p.heartbeat_grace_s < ?1 "
    "ORDER BY a.seq LIMIT ?2";

std::optional<std::string_view> StatusName(const std::optional<LicenseStatus>& status) {
  if (!status) return std::nullopt;
  return ToString(*status);
}

}  // namespace

Status SqliteTx::InsertLicense(const License& l) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertLicense));
  return stmt
      .Bind(l.id, l.code, l.policy_id, l.product_id, l.customer_id, ToString(l.status),
            l.duration_days, ToString(l.validity_basis), l.expires_at, l.max_activations,
            Json(l.features).dump(), l.version, l.first_activated_at, l.created_at, l.updated_at)
      .Run();
}

Status SqliteTx::UpdateLicense(const License& l) {
  Touched(l.id);
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUpdateLicense));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(l.id, ToString(l.status), l.duration_days,
                                     ToString(l.validity_basis), l.expires_at, l.max_activations,
                                     Json(l.features).dump(), l.version, l.first_activated_at,
                                     l.updated_at, l.policy_id)
                               .Run());
  return ExpectOneRow(conn_, "license");
}

Status SqliteTx::DeleteLicense(const std::string& id) {
  Touched(id);
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kDeleteLicense));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(id).Run());
  return ExpectOneRow(conn_, "license");
}

Result<std::optional<License>> SqliteTx::GetLicense(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetLicense));
  return ReadOne<License>(stmt.Bind(id), ReadLicense<Statement>);
}

Result<std::optional<License>> SqliteTx::GetLicenseByCode(const std::string& code) {
  // Write transactions already hold SQLite's database-wide write lock (BEGIN IMMEDIATE), which
  // is the row lock the interface asks for.
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetLicenseByCode));
  return ReadOne<License>(stmt.Bind(code), ReadLicense<Statement>);
}

Result<Page<License>> SqliteTx::ListLicenses(const LicenseFilter& f, const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListLicenses));
  return ReadPage<License>(stmt.Bind(f.customer_id, f.policy_id, f.product_id, StatusName(f.status),
                                     f.expires_by, f.code, page.after_seq, page.limit + 1),
                           page.limit, ReadLicense<Statement>);
}

Result<std::int64_t> SqliteTx::CountLicenses(const LicenseFilter& f) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kCountLicenses));
  stmt.Bind(f.customer_id, f.policy_id, f.product_id, StatusName(f.status), f.expires_by, f.code);
  LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
  return row ? stmt.Int(0) : 0;
}

namespace {

Result<std::map<std::string, std::int64_t>> ReadGroupCounts(Statement& stmt) {
  std::map<std::string, std::int64_t> counts;
  for (;;) {
    LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
    if (!row) return counts;
    counts[stmt.Text(0)] = stmt.Int(1);
  }
}

}  // namespace

Result<std::map<std::string, std::int64_t>> SqliteTx::CountLicensesByStatus() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kCountLicensesByStatus));
  return ReadGroupCounts(stmt);
}

Result<std::map<std::string, std::int64_t>> SqliteTx::CountActivationsByState() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kCountActivationsByState));
  return ReadGroupCounts(stmt);
}

Result<std::vector<License>> SqliteTx::ListLicensesPastExpiry(UnixSeconds now, int limit) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListLicensesPastExpiry));
  return ReadAll<License>(stmt.Bind(now, limit), ReadLicense<Statement>);
}

Status SqliteTx::InsertActivation(const Activation& a) {
  Touched(a.license_id);
  if (writable_key_filter_) writable_key_filter_->Add(a);  // before the commit: see the filter
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertActivation));
  return stmt
      .Bind(a.id, a.license_id, a.fingerprint, Json(a.components).dump(), a.hostname, a.platform,
            ToString(a.state), a.fetched_version, a.activated_at, a.last_seen_at,
            static_cast<std::int64_t>(a.offline))
      .Run();
}

Status SqliteTx::UpdateActivation(const Activation& a) {
  Touched(a.license_id);
  if (writable_key_filter_) writable_key_filter_->Add(a);  // its fingerprint or parts may change
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUpdateActivation));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(a.id, a.license_id, a.fingerprint, Json(a.components).dump(),
                                     a.hostname, a.platform, ToString(a.state), a.fetched_version,
                                     a.activated_at, a.last_seen_at,
                                     static_cast<std::int64_t>(a.offline))
                               .Run());
  return ExpectOneRow(conn_, "activation");
}

Status SqliteTx::DeleteActivation(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kDeleteActivation));
  LICENSOR_ASSIGN_OR_RETURN(const bool deleted, stmt.Bind(id).Next());
  if (!deleted) return Status::NotFound("activation not found");
  Touched(stmt.Text(0));
  return stmt.Run();  // finish the statement so the deletion completes
}

Result<std::optional<Activation>> SqliteTx::GetActivation(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetActivation));
  return ReadOne<Activation>(stmt.Bind(id), ReadActivation<Statement>);
}

Result<std::optional<Activation>> SqliteTx::FindActivation(const std::string& license_id,
                                                           const std::string& fingerprint) {
  if (key_filter_ && !key_filter_->MayHaveFingerprint(license_id, fingerprint)) {
    return std::optional<Activation>();
  }
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kFindActivation));
  return ReadOne<Activation>(stmt.Bind(license_id, fingerprint), ReadActivation<Statement>);
}

Result<Page<Activation>> SqliteTx::ListActivationPage(const std::string& license_id,
                                                      const ActivationFilter& f,
                                                      const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListActivationPage));
  return ReadPage<Activation>(
      stmt.Bind(license_id, page.after_seq, AsInt(f.alive), f.alive_since, AsInt(f.offline),
                f.fingerprint, f.hostname, page.limit + 1),
      page.limit, ReadActivation<Statement>);
}

Result<std::vector<std::string>> SqliteTx::FindActivationsWithComponent(
    const std::string& license_id, const std::string& name, const std::string& value, int limit) {
  std::vector<std::string> ids;
  if (key_filter_ && !key_filter_->MayHaveComponent(license_id, name, value)) return ids;
  LICENSOR_ASSIGN_OR_RETURN(auto stmt,
                            conn_.Prepare(activation_component_sql::kFindActivationsWithComponent));
  stmt.Bind(license_id, name, value, limit);
  for (;;) {
    LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
    if (!row) return ids;
    ids.push_back(stmt.Text(0));
  }
}

Result<std::shared_ptr<const ValidationView>> SqliteTx::GetValidationView(
    const std::string& code, const std::optional<std::string>& fingerprint) {
  if (cache_) {
    if (auto hit = cache_->Find(code, fingerprint)) return hit;
  }
  std::shared_ptr<ValidationView> view;
  if (const auto known = cache_ && fingerprint ? cache_->FindLicense(code) : std::nullopt) {
    // A machine not seen before, of a license in the cache: only its activation is read.
    view = std::make_shared<ValidationView>();
    view->license = known->license;
    view->policy = known->policy;
    LICENSOR_ASSIGN_OR_RETURN(view->activation, FindActivation(view->license->id, *fingerprint));
  } else {
    LICENSOR_ASSIGN_OR_RETURN(view, LoadValidationView(*this, code, fingerprint));
  }
  if (cache_) cache_->Insert(code, fingerprint, view, read_generation_);
  return std::shared_ptr<const ValidationView>(std::move(view));
}

Result<std::vector<Activation>> SqliteTx::ListOverdueActivations(UnixSeconds now, int limit) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListOverdueActivations));
  return ReadAll<Activation>(stmt.Bind(now, limit), ReadActivation<Statement>);
}

}  // namespace licensor::storage::sqlite
