#include "storage/licensing_sql.hpp"

#include "common/time_format.hpp"
#include "storage/activation_component_sql.hpp"
#include "storage/license_code_sql.hpp"

namespace licensor::storage {
namespace {

std::string LicenseSelect() {
  return "SELECT l.seq, " + NameList<core::License>(tables::kLicenses, "l.") + ", " +
         NameList<core::License>(tables::kLicenseDerived, "l.") + " FROM licenses l";
}

std::string ActivationSelect() {
  return "SELECT a.seq, " + NameList<core::Activation>(tables::kActivations, "a.") +
         " FROM activations a";
}

constexpr const char* kLicenseFilter =
    "(CAST(?1 AS TEXT) IS NULL OR l.customer_id = ?1) AND "
    "(CAST(?2 AS TEXT) IS NULL OR l.policy_id = ?2) AND "
    "(CAST(?3 AS TEXT) IS NULL OR l.product_id = ?3) AND "
    "(CAST(?4 AS TEXT) IS NULL OR l.status = ?4) AND "
    "(CAST(?5 AS BIGINT) IS NULL OR l.expires_at <= ?5) AND "
    "(CAST(?6 AS TEXT) IS NULL OR " LICENSOR_LICENSE_CODE_IS("?6") ")";

}  // namespace

LicensingSql::LicensingSql(Dialect d) {
  const TableStatements licenses = StatementsOf("licenses", tables::kLicenses, d);
  insert_license = licenses.insert;
  update_license = licenses.update;
  delete_license = licenses.remove;
  const std::string select = LicenseSelect();
  get_license = InDialect(select + " WHERE l.id = ?1", d);
  get_license_by_code = InDialect(select + " WHERE " LICENSOR_LICENSE_CODE_IS("?1"), d);
  get_license_for_update = get_license + RowLock(d);
  get_license_by_code_for_update = get_license_by_code + RowLock(d);
  list_licenses =
      InDialect(select + " WHERE " + kLicenseFilter + " AND l.seq > ?7 ORDER BY l.seq LIMIT ?8", d);
  count_licenses =
      InDialect(std::string("SELECT COUNT(*) FROM licenses l WHERE ") + kLicenseFilter, d);
  count_licenses_by_status = "SELECT " + SelectList<GroupCount>(tables::kLicensesByStatus) +
                             " FROM licenses GROUP BY status";
  list_licenses_past_expiry =
      InDialect(select +
                    " JOIN policies p ON p.id = l.policy_id WHERE l.status = 'ACTIVE' AND "
                    "l.expires_at IS NOT NULL AND l.expires_at + p.expiry_grace_days * " +
                    std::to_string(kSecondsPerDay) + " <= ?1 ORDER BY l.seq LIMIT ?2",
                d);

  list_licenses_ending = InDialect(select +
                                       " WHERE l.status = 'ACTIVE' AND l.expires_at > ?1 AND "
                                       "l.expires_at <= ?2 AND l.seq > ?3 ORDER BY l.seq LIMIT ?4",
                                   d);

  activations = StatementsOf("activations", tables::kActivations, d);
  delete_activation = InDialect("DELETE FROM activations WHERE id = ?1 RETURNING license_id", d);
  const std::string activation = ActivationSelect();
  find_activation = InDialect(activation + " WHERE a.license_id = ?1 AND a.fingerprint = ?2", d);
  list_activation_page = InDialect(
      activation +
          " WHERE a.license_id = ?1 AND (CAST(?3 AS BIGINT) IS NULL OR "
          "CAST((a.state = 'ALIVE' AND (CAST(?4 AS BIGINT) IS NULL OR a.last_seen_at >= ?4)) "
          "AS INTEGER) = ?3) AND (CAST(?5 AS BIGINT) IS NULL OR a.offline = ?5) AND "
          "(CAST(?6 AS TEXT) IS NULL OR a.fingerprint = ?6) AND "
          "(CAST(?7 AS TEXT) IS NULL OR a.hostname = ?7) AND a.seq > ?2 ORDER BY a.seq LIMIT ?8",
      d);
  count_activations_by_state = "SELECT " + SelectList<GroupCount>(tables::kActivationsByState) +
                               " FROM activations GROUP BY state";
  list_overdue_activations = InDialect(
      activation +
          " JOIN licenses l ON l.id = a.license_id JOIN policies p ON p.id = l.policy_id "
          "WHERE a.state = 'ALIVE' AND a.offline = 0 AND p.heartbeat_interval_s IS NOT NULL "
          "AND a.last_seen_at + p.heartbeat_interval_s + p.heartbeat_grace_s < ?1 "
          "ORDER BY a.seq LIMIT ?2",
      d);
  find_activations_with_component =
      InDialect(activation_component_sql::kFindActivationsWithComponent, d);

  installations = StatementsOf("installations", tables::kInstallations, d);
  list_installations = InDialect(
      Paged(installations.select, " AND (CAST(?3 AS TEXT) IS NULL OR customer_id = ?3)"), d);
  installation_files = StatementsOf("installation_files", tables::kInstallationFiles, d);
  list_installation_files =
      InDialect(Paged(installation_files.select, " AND installation_id = ?3"), d);
  count_installation_files = InDialect(
      "SELECT COUNT(*) FROM installation_files WHERE installation_id = ?1 AND kind = ?2", d);
}

}  // namespace licensor::storage
