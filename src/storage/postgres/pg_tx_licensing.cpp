// Licenses and their activations in PostgreSQL. The statements are one text with SQLite's
// (storage/licensing_sql.hpp).
#include "storage/filter_values.hpp"
#include "storage/licensing_sql.hpp"
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/validation_view.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;

const LicensingSql& Sql() { return StatementsFor<LicensingSql>(Dialect::kPostgres); }

const auto kLicense = ReadLicense<PgRow>;
const auto kActivation = RowsOf(tables::kActivations);

}  // namespace

Status PgTx::InsertLicense(const License& l) {
  return InsertRow(conn_, Sql().insert_license, l, tables::kLicenses);
}
Status PgTx::UpdateLicense(const License& l) {
  Touched(l.id);
  return UpdateRow(conn_, Sql().update_license, l, tables::kLicenses, "license");
}
Status PgTx::DeleteLicense(const std::string& id) {
  Touched(id);
  return Changed(conn_.Query(Sql().delete_license.c_str(), id), "license");
}
Result<std::optional<License>> PgTx::GetLicense(const std::string& id) {
  return One<License>(
      conn_.Query((write_ ? Sql().get_license_for_update : Sql().get_license).c_str(), id),
      kLicense);
}
Result<std::optional<License>> PgTx::GetLicenseByCode(const std::string& code) {
  return One<License>(
      conn_.Query(
          (write_ ? Sql().get_license_by_code_for_update : Sql().get_license_by_code).c_str(),
          code),
      kLicense);
}
Result<Page<License>> PgTx::ListLicenses(const LicenseFilter& f, const PageRequest& page) {
  return PageOf<License>(conn_.Query(Sql().list_licenses.c_str(), f.customer_id, f.policy_id,
                                     f.product_id, LicenseStatusFilter(f.status), f.expires_by,
                                     f.code, page.after_seq, page.limit + 1),
                         page.limit, kLicense);
}
Result<std::int64_t> PgTx::CountLicenses(const LicenseFilter& f) {
  return Count(conn_.Query(Sql().count_licenses.c_str(), f.customer_id, f.policy_id, f.product_id,
                           LicenseStatusFilter(f.status), f.expires_by, f.code));
}
Result<std::map<std::string, std::int64_t>> PgTx::CountLicensesByStatus() {
  LICENSOR_ASSIGN_OR_RETURN(const auto counts,
                            All<GroupCount>(conn_.Query(Sql().count_licenses_by_status.c_str()),
                                            rows::kLicensesByStatus));
  return ByGroup(counts);
}
Result<std::map<std::string, std::int64_t>> PgTx::CountActivationsByState() {
  LICENSOR_ASSIGN_OR_RETURN(const auto counts,
                            All<GroupCount>(conn_.Query(Sql().count_activations_by_state.c_str()),
                                            rows::kActivationsByState));
  return ByGroup(counts);
}
Result<std::vector<License>> PgTx::ListLicensesPastExpiry(UnixSeconds now, int limit) {
  return All<License>(conn_.Query(Sql().list_licenses_past_expiry.c_str(), now, limit), kLicense);
}

Result<Page<License>> PgTx::ListLicensesEnding(UnixSeconds after, UnixSeconds until,
                                               const PageRequest& page) {
  return PageOf<License>(
      conn_.Query(Sql().list_licenses_ending.c_str(), after, until, page.after_seq, page.limit + 1),
      page.limit, kLicense);
}

Status PgTx::InsertActivation(const Activation& a) {
  Touched(a.license_id);
  return InsertRow(conn_, Sql().activations.insert, a, tables::kActivations);
}
Status PgTx::UpdateActivation(const Activation& a) {
  Touched(a.license_id);
  return UpdateRow(conn_, Sql().activations.update, a, tables::kActivations, "activation");
}
Status PgTx::DeleteActivation(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(const auto deleted, conn_.Query(Sql().delete_activation.c_str(), id));
  if (deleted.rows() == 0) return Status::NotFound("activation not found");
  Touched(deleted.row(0).Text(0));  // the license it belonged to
  return Status::Ok();
}
Result<std::optional<Activation>> PgTx::GetActivation(const std::string& id) {
  return One<Activation>(conn_.Query(Sql().activations.get.c_str(), id), kActivation);
}
Result<std::optional<Activation>> PgTx::FindActivation(const std::string& license_id,
                                                       const std::string& fingerprint) {
  return One<Activation>(conn_.Query(Sql().find_activation.c_str(), license_id, fingerprint),
                         kActivation);
}
Result<Page<Activation>> PgTx::ListActivationPage(const std::string& license_id,
                                                  const ActivationFilter& f,
                                                  const PageRequest& page) {
  return PageOf<Activation>(
      conn_.Query(Sql().list_activation_page.c_str(), license_id, page.after_seq, AsInt(f.alive),
                  f.alive_since, AsInt(f.offline), f.fingerprint, f.hostname, page.limit + 1),
      page.limit, kActivation);
}

Result<std::vector<std::string>> PgTx::FindActivationsWithComponent(const std::string& license_id,
                                                                    const std::string& name,
                                                                    const std::string& value,
                                                                    int limit) {
  LICENSOR_ASSIGN_OR_RETURN(
      const PgResult result,
      conn_.Query(Sql().find_activations_with_component.c_str(), license_id, name, value, limit));
  std::vector<std::string> ids;
  for (int i = 0; i < result.rows(); ++i) ids.push_back(result.row(i).Text(0));
  return ids;
}

Result<std::vector<Activation>> PgTx::ListOverdueActivations(UnixSeconds now, int limit) {
  return All<Activation>(conn_.Query(Sql().list_overdue_activations.c_str(), now, limit),
                         kActivation);
}

// The cache is kept exact across nodes by NOTIFY (see PgStore::Write).
Result<std::shared_ptr<const ValidationView>> PgTx::GetValidationView(
    const std::string& code, const std::optional<std::string>& fingerprint) {
  return CachedValidationView(*this, cache_, read_generation_, code, fingerprint);
}

}  // namespace licensor::storage::postgres
