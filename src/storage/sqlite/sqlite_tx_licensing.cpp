// SQLite statements for licenses and activations, the hot path of the client API.
#include "storage/filter_values.hpp"
#include "storage/licensing_sql.hpp"
#include "storage/sqlite/sqlite_tx.hpp"
#include "storage/validation_view.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;

const LicensingSql& Sql() { return StatementsFor<LicensingSql>(Dialect::kSqlite); }

const auto kLicense = ReadLicense<Statement>;
const auto kActivation = RowsOf(tables::kActivations);

}  // namespace

Status SqliteTx::InsertLicense(const License& l) {
  return InsertRow(conn_, Sql().insert_license, l, tables::kLicenses);
}

Status SqliteTx::UpdateLicense(const License& l) {
  Touched(l.id);
  return UpdateRow(conn_, Sql().update_license, l, tables::kLicenses, "license");
}

Status SqliteTx::DeleteLicense(const std::string& id) {
  Touched(id);
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().delete_license.c_str()));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(id).Run());
  return ExpectOneRow(conn_, "license");
}

Result<std::optional<License>> SqliteTx::GetLicense(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().get_license.c_str()));
  return ReadOne<License>(stmt.Bind(id), kLicense);
}

Result<std::optional<License>> SqliteTx::GetLicenseByCode(const std::string& code) {
  // Write transactions already hold SQLite's database-wide write lock (BEGIN IMMEDIATE), which
  // is the row lock the interface asks for.
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().get_license_by_code.c_str()));
  return ReadOne<License>(stmt.Bind(code), kLicense);
}

Result<Page<License>> SqliteTx::ListLicenses(const LicenseFilter& f, const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_licenses.c_str()));
  return ReadPage<License>(
      stmt.Bind(f.customer_id, f.policy_id, f.product_id, LicenseStatusFilter(f.status),
                f.expires_by, f.code, page.after_seq, page.limit + 1),
      page.limit, kLicense);
}

Result<std::int64_t> SqliteTx::CountLicenses(const LicenseFilter& f) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().count_licenses.c_str()));
  stmt.Bind(f.customer_id, f.policy_id, f.product_id, LicenseStatusFilter(f.status), f.expires_by,
            f.code);
  LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
  return row ? stmt.Int(0) : 0;
}

Result<std::map<std::string, std::int64_t>> SqliteTx::CountLicensesByStatus() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().count_licenses_by_status.c_str()));
  LICENSOR_ASSIGN_OR_RETURN(const auto counts, ReadAll<GroupCount>(stmt, rows::kLicensesByStatus));
  return ByGroup(counts);
}

Result<std::map<std::string, std::int64_t>> SqliteTx::CountActivationsByState() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().count_activations_by_state.c_str()));
  LICENSOR_ASSIGN_OR_RETURN(const auto counts,
                            ReadAll<GroupCount>(stmt, rows::kActivationsByState));
  return ByGroup(counts);
}

Result<std::vector<License>> SqliteTx::ListLicensesPastExpiry(UnixSeconds now, int limit) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_licenses_past_expiry.c_str()));
  return ReadAll<License>(stmt.Bind(now, limit), kLicense);
}

Result<Page<License>> SqliteTx::ListLicensesEnding(UnixSeconds after, UnixSeconds until,
                                                   const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_licenses_ending.c_str()));
  return ReadPage<License>(stmt.Bind(after, until, page.after_seq, page.limit + 1), page.limit,
                           kLicense);
}

Status SqliteTx::InsertActivation(const Activation& a) {
  Touched(a.license_id);
  if (writable_key_filter_) writable_key_filter_->Add(a);  // before the commit: see the filter
  return InsertRow(conn_, Sql().activations.insert, a, tables::kActivations);
}

Status SqliteTx::UpdateActivation(const Activation& a) {
  Touched(a.license_id);
  if (writable_key_filter_) writable_key_filter_->Add(a);  // its fingerprint or parts may change
  return UpdateRow(conn_, Sql().activations.update, a, tables::kActivations, "activation");
}

Status SqliteTx::DeleteActivation(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().delete_activation.c_str()));
  LICENSOR_ASSIGN_OR_RETURN(const bool deleted, stmt.Bind(id).Next());
  if (!deleted) return Status::NotFound("activation not found");
  Touched(stmt.Text(0));
  return stmt.Run();  // finish the statement so the deletion completes
}

Result<std::optional<Activation>> SqliteTx::GetActivation(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().activations.get.c_str()));
  return ReadOne<Activation>(stmt.Bind(id), kActivation);
}

Result<std::optional<Activation>> SqliteTx::FindActivation(const std::string& license_id,
                                                           const std::string& fingerprint) {
  if (key_filter_ && !key_filter_->MayHaveFingerprint(license_id, fingerprint)) {
    return std::optional<Activation>();
  }
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().find_activation.c_str()));
  return ReadOne<Activation>(stmt.Bind(license_id, fingerprint), kActivation);
}

Result<Page<Activation>> SqliteTx::ListActivationPage(const std::string& license_id,
                                                      const ActivationFilter& f,
                                                      const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_activation_page.c_str()));
  return ReadPage<Activation>(
      stmt.Bind(license_id, page.after_seq, AsInt(f.alive), f.alive_since, AsInt(f.offline),
                f.fingerprint, f.hostname, page.limit + 1),
      page.limit, kActivation);
}

Result<std::vector<std::string>> SqliteTx::FindActivationsWithComponent(
    const std::string& license_id, const std::string& name, const std::string& value, int limit) {
  std::vector<std::string> ids;
  if (key_filter_ && !key_filter_->MayHaveComponent(license_id, name, value)) return ids;
  LICENSOR_ASSIGN_OR_RETURN(auto stmt,
                            conn_.Prepare(Sql().find_activations_with_component.c_str()));
  stmt.Bind(license_id, name, value, limit);
  for (;;) {
    LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
    if (!row) return ids;
    ids.push_back(stmt.Text(0));
  }
}

Result<std::shared_ptr<const ValidationView>> SqliteTx::GetValidationView(
    const std::string& code, const std::optional<std::string>& fingerprint) {
  return CachedValidationView(*this, cache_, read_generation_, code, fingerprint);
}

Result<std::vector<Activation>> SqliteTx::ListOverdueActivations(UnixSeconds now, int limit) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_overdue_activations.c_str()));
  return ReadAll<Activation>(stmt.Bind(now, limit), kActivation);
}

}  // namespace licensor::storage::sqlite
