// StoreTx over one SQLite connection inside an open transaction.
#pragma once

#include <span>
#include <string>
#include <type_traits>

#include "core/store.hpp"
#include "storage/columns.hpp"
#include "storage/sqlite/activation_key_filter.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "storage/validation_cache.hpp"

namespace licensor::storage::sqlite {

class SqliteTx final : public core::StoreTx {
 public:
  // A read transaction that may use `cache`; `read_generation` is the cache's generation taken
  // before the transaction began. `filter` answers for activations the database has not got.
  SqliteTx(Connection& conn, ValidationCache& cache, std::uint64_t read_generation,
           const ActivationKeyFilter& filter)
      : conn_(conn), cache_(&cache), read_generation_(read_generation), key_filter_(&filter) {}
  // A write transaction; it records in `invalidations` what cached views its changes affect,
  // and adds the activations it writes to `filter` before they commit.
  SqliteTx(Connection& conn, CacheInvalidations& invalidations, ActivationKeyFilter& filter)
      : conn_(conn),
        invalidations_(&invalidations),
        key_filter_(&filter),
        writable_key_filter_(&filter) {}
  // A transaction with no cache and no filter at all (tests, tools).
  explicit SqliteTx(Connection& conn) : conn_(conn) {}

  Status InsertToken(const core::ApiToken& token) override;
  Status UpdateToken(const core::ApiToken& token) override;
  Result<std::optional<core::ApiToken>> GetToken(const std::string& id) override;
  Result<std::optional<core::ApiToken>> FindTokenByHash(const std::string& hash) override;
  Result<core::Page<core::ApiToken>> ListTokens(const core::PageRequest& page) override;

  Status InsertUser(const core::User& user) override;
  Status UpdateUser(const core::User& user) override;
  Result<std::optional<core::User>> GetUser(const std::string& id) override;
  Result<std::optional<core::User>> FindUserByEmail(const std::string& email_key) override;
  Result<core::Page<core::User>> ListUsers(const std::optional<std::string>& customer_id,
                                           const core::PageRequest& page) override;
  Result<std::int64_t> CountUsers() override;
  Result<std::int64_t> CountEnabledAdmins() override;
  Status LockAccounts() override;
  Status InsertSession(const core::Session& session) override;
  Result<std::optional<core::Session>> FindSession(const std::string& hash) override;
  Status TouchSession(const std::string& hash, UnixSeconds last_seen_at) override;
  Status DeleteSession(const std::string& hash) override;
  Status DeleteUserSessions(const std::string& user_id) override;
  Result<std::int64_t> DeleteStaleSessions(UnixSeconds idle_before,
                                           UnixSeconds created_before) override;
  Status InsertSetupLink(const std::string& hash, UnixSeconds expires_at) override;
  Result<std::optional<UnixSeconds>> FindSetupLink(const std::string& hash) override;
  Status DeleteSetupLinks() override;
  Status AddDailyCount(const core::DailyCount& count) override;
  Result<std::vector<core::DailyCount>> ListDailyCounts(std::int64_t from_day,
                                                        std::int64_t to_day) override;
  Result<core::SignInWindow> CountSignInAttempt(const std::string& key, UnixSeconds now,
                                                UnixSeconds expired_at_or_before) override;
  Result<std::optional<core::SignInWindow>> GetSignInWindow(const std::string& key) override;
  Status UncountSignInAttempt(const std::string& key) override;
  Status DeleteSignInWindow(const std::string& key) override;
  Status DeleteStaleSignInWindows(UnixSeconds started_at_or_before) override;

  Status InsertProduct(const core::Product& product) override;
  Status UpdateProduct(const core::Product& product) override;
  Status DeleteProduct(const std::string& id) override;
  Result<std::optional<core::Product>> GetProduct(const std::string& id) override;
  Result<core::Page<core::Product>> ListProducts(const core::PageRequest& page) override;

  Status InsertCustomer(const core::Customer& customer) override;
  Status UpdateCustomer(const core::Customer& customer) override;
  Status DeleteCustomer(const std::string& id) override;
  Result<std::optional<core::Customer>> GetCustomer(const std::string& id) override;
  Result<core::Page<core::Customer>> ListCustomers(const std::optional<std::string>& parent_id,
                                                   const core::PageRequest& page) override;
  Result<std::int64_t> CountChildCustomers(const std::string& id) override;

  Status InsertPolicy(const core::Policy& policy) override;
  Status UpdatePolicy(const core::Policy& policy) override;
  Status DeletePolicy(const std::string& id) override;
  Result<std::optional<core::Policy>> GetPolicy(const std::string& id) override;
  Result<core::Page<core::Policy>> ListPolicies(const core::PolicyFilter& filter,
                                                const core::PageRequest& page) override;
  Result<std::int64_t> CountPolicies(const std::string& product_id) override;

  Status InsertLicense(const core::License& license) override;
  Status UpdateLicense(const core::License& license) override;
  Status DeleteLicense(const std::string& id) override;
  Result<std::optional<core::License>> GetLicense(const std::string& id) override;
  Result<std::optional<core::License>> GetLicenseByCode(const std::string& code) override;
  Result<core::Page<core::License>> ListLicenses(const core::LicenseFilter& filter,
                                                 const core::PageRequest& page) override;
  Result<std::int64_t> CountLicenses(const core::LicenseFilter& filter) override;
  Result<std::map<std::string, std::int64_t>> CountLicensesByStatus() override;
  Result<std::map<std::string, std::int64_t>> CountActivationsByState() override;
  Result<std::vector<core::License>> ListLicensesPastExpiry(UnixSeconds now, int limit) override;
  Result<core::Page<core::License>> ListLicensesEnding(UnixSeconds after, UnixSeconds until,
                                                       const core::PageRequest& page) override;

  Status InsertActivation(const core::Activation& activation) override;
  Status UpdateActivation(const core::Activation& activation) override;
  Status DeleteActivation(const std::string& id) override;
  Result<std::optional<core::Activation>> GetActivation(const std::string& id) override;
  Result<std::optional<core::Activation>> FindActivation(const std::string& license_id,
                                                         const std::string& fingerprint) override;
  Result<core::Page<core::Activation>> ListActivationPage(const std::string& license_id,
                                                          const core::ActivationFilter& filter,
                                                          const core::PageRequest& page) override;
  Result<std::vector<std::string>> FindActivationsWithComponent(const std::string& license_id,
                                                                const std::string& name,
                                                                const std::string& value,
                                                                int limit) override;
  Result<std::vector<core::Activation>> ListOverdueActivations(UnixSeconds now, int limit) override;

  Result<std::shared_ptr<const core::ValidationView>> GetValidationView(
      const std::string& code, const std::optional<std::string>& fingerprint) override;

  Status InsertInstallation(const core::Installation& installation) override;
  Result<std::optional<core::Installation>> GetInstallation(const std::string& id) override;
  Result<core::Page<core::Installation>> ListInstallations(
      const std::optional<std::string>& customer_id, const core::PageRequest& page) override;
  Status InsertInstallationFile(const core::InstallationFile& file) override;
  Result<core::Page<core::InstallationFile>> ListInstallationFiles(
      const std::string& installation_id, const core::PageRequest& page) override;
  Result<std::int64_t> CountInstallationFiles(const std::string& installation_id,
                                              const std::string& kind) override;

  Status LockRegistry() override;
  Status AppendRegistryEntry(core::RegistryEntry& entry) override;
  Result<std::vector<core::RegistryEntry>> ListRegistryEntries(std::int64_t after_seq,
                                                               int limit) override;
  Result<core::Page<core::RegistryEntry>> ListRegistryUploads(
      const core::PageRequest& page) override;

  Result<bool> InsertRegistryReminder(const core::RegistryReminder& reminder) override;
  Result<core::Page<core::RegistryReminder>> ListRegistryReminders(
      bool include_skipped, const core::PageRequest& page) override;
  Status InsertWebhook(const core::Webhook& webhook) override;
  Status UpdateWebhook(const core::Webhook& webhook) override;
  Result<std::optional<core::Webhook>> GetWebhook(const std::string& id) override;
  Result<core::Page<core::Webhook>> ListActiveWebhooks(const core::PageRequest& page) override;
  Status InsertWebhookDelivery(const core::WebhookDelivery& delivery) override;
  Status UpdateWebhookDelivery(const core::WebhookDelivery& delivery) override;
  Result<std::vector<core::WebhookDelivery>> ListDueWebhookDeliveries(UnixSeconds now,
                                                                      int limit) override;
  Result<core::Page<core::WebhookDelivery>> ListWebhookDeliveries(
      const std::string& webhook_id, const core::PageRequest& page) override;
  Result<std::vector<core::OutboxState>> SummarizeWebhookOutbox() override;

  Result<std::optional<core::KeyRingRecord>> GetKeyRing() override;
  Status InsertKeyRing(const core::KeyRingRecord& ring) override;
  Result<std::int64_t> RaiseKeyGeneration() override;
  Result<std::vector<core::SigningKeyRecord>> ListSigningKeys() override;
  Status InsertSigningKey(const core::SigningKeyRecord& key) override;
  Status UpdateSigningKey(const core::SigningKeyRecord& key) override;

  Status InsertMail(const core::Mail& mail) override;
  Result<bool> InsertMailOnce(const core::Mail& mail) override;
  Status UpdateMail(const core::Mail& mail) override;
  Result<std::vector<core::Mail>> ListDueMail(UnixSeconds now, int limit) override;
  Result<std::vector<core::OutboxState>> SummarizeMailOutbox() override;
  Status InsertAccountLink(const core::AccountLink& link) override;
  Status UpdateAccountLink(const core::AccountLink& link) override;
  Result<std::optional<core::AccountLink>> GetAccountLink(const std::string& id) override;
  Result<std::optional<core::AccountLink>> FindAccountLink(const std::string& token_hash) override;
  Result<core::Page<core::AccountLink>> ListOpenInvitations(
      const std::optional<std::string>& customer_id, const core::PageRequest& page) override;
  Result<std::int64_t> CountAccountLinks(const std::string& purpose, const std::string& email_key,
                                         UnixSeconds since) override;
  Result<std::optional<std::string>> GetSetting(const std::string& name) override;
  Status PutSetting(const std::string& name, const std::string& value, UnixSeconds now) override;

  Status InsertDeviceModel(const core::DeviceModel& model) override;
  Result<std::optional<core::DeviceModel>> GetDeviceModel(const std::string& name) override;
  Result<core::Page<core::DeviceModel>> ListDeviceModels(const core::PageRequest& page) override;
  Status InsertCardType(const core::CardType& type) override;
  Result<std::optional<core::CardType>> GetCardType(const std::string& code) override;
  Result<core::Page<core::CardType>> ListCardTypes(const core::PageRequest& page) override;
  Status InsertDevice(const core::Device& device) override;
  Status UpdateDevice(const core::Device& device) override;
  Result<std::optional<core::Device>> GetDevice(const std::string& number) override;
  Result<core::Page<core::Device>> ListDevices(const core::DeviceFilter& filter,
                                               const core::PageRequest& page) override;
  Status InsertCard(const core::Card& card) override;
  Status UpdateCard(const core::Card& card) override;
  Result<std::optional<core::Card>> GetCard(const std::string& number) override;
  Result<core::Page<core::Card>> ListCards(const core::CardFilter& filter,
                                           const core::PageRequest& page) override;
  Result<std::vector<core::CardCount>> CountCards(
      const std::optional<std::vector<std::string>>& customers) override;
  Status InsertCardRecord(const core::CardRecord& record) override;
  Result<core::Page<core::CardRecord>> ListCardRecords(const core::CardRecordFilter& filter,
                                                       const core::PageRequest& page) override;
  Result<core::DeductionRun> DeductDue(UnixSeconds now,
                                       const std::optional<std::string>& device_number) override;
  Result<core::Page<core::Deduction>> ListDeductions(const core::DeductionFilter& filter,
                                                     const core::PageRequest& page) override;

  Status AppendEvent(core::Event& event) override;
  Result<core::Page<core::Event>> ListEvents(const core::EventFilter& filter,
                                             const core::PageRequest& page) override;

 private:
  // Re-chooses which of a device's bound cards pays for it (storage/card_sql.hpp); with
  // park_only, only hands the usage time back to the device.
  Status RepickPayer(const std::string& device_number, bool park_only = false);
  void Touched(const std::string& license_id) {
    if (invalidations_) invalidations_->license_ids.push_back(license_id);
  }
  void TouchedEverything() {
    if (invalidations_) invalidations_->everything = true;
  }

  Connection& conn_;
  ValidationCache* cache_ = nullptr;
  std::uint64_t read_generation_ = 0;
  CacheInvalidations* invalidations_ = nullptr;
  const ActivationKeyFilter* key_filter_ = nullptr;
  ActivationKeyFilter* writable_key_filter_ = nullptr;  // set in write transactions only
};

// Runs `stmt` and reads every row with `read`; used by the list and lookup methods.
template <typename T, typename ReadRow>
Result<std::vector<T>> ReadAll(Statement& stmt, ReadRow read) {
  std::vector<T> rows;
  for (;;) {
    LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
    if (!row) return rows;
    rows.push_back(read(stmt));
  }
}

// The single COUNT(*) a statement returns.
inline Result<std::int64_t> ReadCount(Statement& stmt) {
  LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
  return row ? stmt.Int(0) : 0;
}

// Runs an INSERT ... RETURNING seq to completion and answers the seq the row was given.
inline Result<std::int64_t> InsertReturningSeq(Statement& stmt) {
  LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
  if (!row) return Status::Internal("an insert returned no seq");
  const std::int64_t seq = stmt.Int(0);
  LICENSOR_RETURN_IF_ERROR(stmt.Run());  // finish the statement so the insert completes
  return seq;
}

template <typename T, typename ReadRow>
Result<std::optional<T>> ReadOne(Statement& stmt, ReadRow read) {
  LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
  if (!row) return std::optional<T>();
  return std::optional<T>(read(stmt));
}

// Reads up to limit+1 rows whose first column is `seq`, and turns them into a page.
template <typename T, typename ReadRow>
Result<core::Page<T>> ReadPage(Statement& stmt, int limit, ReadRow read) {
  core::Page<T> page;
  std::int64_t last_seq = 0;
  for (;;) {
    LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
    if (!row) break;
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_after_seq = last_seq;
      break;
    }
    last_seq = stmt.Int(0);
    page.items.push_back(read(stmt));
  }
  return page;
}

// Checks that an UPDATE or DELETE touched a row.
Status ExpectOneRow(const Connection& conn, const char* kind);

// Writes `entity` through `columns` with an INSERT, or with an UPDATE that must find its row
// (`kind` names it in the "not found").
template <typename E>
Status InsertRow(Connection& conn, const std::string& insert, const E& entity,
                 std::type_identity_t<std::span<const Column<E>>> columns) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn.Prepare(insert.c_str()));
  return stmt.BindAll(ValuesOf<E>(entity, columns)).Run();
}
template <typename E>
Status UpdateRow(Connection& conn, const std::string& update, const E& entity,
                 std::type_identity_t<std::span<const Column<E>>> columns, const char* kind) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn.Prepare(update.c_str()));
  LICENSOR_RETURN_IF_ERROR(stmt.BindAll(ValuesOf<E>(entity, columns)).Run());
  return ExpectOneRow(conn, kind);
}

}  // namespace licensor::storage::sqlite
