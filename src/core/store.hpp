// The store interfaces core needs; storage/ implements them for SQLite (and PostgreSQL).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "core/entities.hpp"

namespace licensor::core {

inline constexpr int kMaxPageSize = 500;

// What a store says when a write breaks a uniqueness or reference rule, or when the database is
// too busy. The statement and the database's own words never leave the store except in kInternal
// (logged, never sent), so a client cannot learn the schema from an error.
inline constexpr std::string_view kStoreConflictMessage =
    "the change conflicts with a record that exists or is referenced";
inline constexpr std::string_view kStoreBusyMessage = "the database is busy; retry the request";

// For an insert whose only possible conflict is a taken unique key: that conflict as
// kAlreadyExists saying `what`; any other status unchanged.
inline Status AlreadyExistsOn(Status inserted, std::string what) {
  if (inserted.code() != ErrorCode::kConflict) return inserted;
  return Status(ErrorCode::kAlreadyExists, std::move(what));
}

// Keyset pagination: `after_seq` is the cursor decoded from the previous page.
struct PageRequest {
  std::int64_t after_seq = 0;
  int limit = 50;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::int64_t> next_after_seq;  // nullopt on the last page
};

struct LicenseFilter {
  std::optional<std::string> customer_id;
  std::optional<std::string> policy_id;
  std::optional<std::string> product_id;
  std::optional<LicenseStatus> status;
  std::optional<UnixSeconds> expires_by;  // licenses with an expiry at or before this time
  std::optional<std::string> code;        // the license with this code
};

// Which activations of a license to list; unset fields do not filter.
struct ActivationFilter {
  std::optional<bool> alive;
  std::optional<UnixSeconds> alive_since;  // with `alive`: core::AliveSince of the policy
  std::optional<bool> offline;
  std::optional<std::string> fingerprint;
  std::optional<std::string> hostname;
};

struct EventFilter {
  std::optional<std::string> resource_type;
  std::optional<std::string> resource_id;
  std::optional<UnixSeconds> since;
  std::optional<UnixSeconds> until;
  std::optional<std::string> action;  // exactly, as "license.updated"
  std::optional<std::string> actor;   // a token or user id, `system` or `client`
};

// Device day-cards: filters of the card list, the records and the deductions. Customer lists
// limit a query to cards owned by (or records touching) one of those customers.
struct CardFilter {
  std::optional<std::vector<std::string>> customer_ids;
  std::optional<std::string> type_code;
  std::optional<std::string> number;
  std::optional<std::string> device_number;
  std::optional<std::int64_t> min_days;
  std::optional<std::int64_t> max_days;
  std::optional<UnixSeconds> activated_from;
  std::optional<UnixSeconds> activated_to;
  std::optional<std::string> status;  // UNUSED, INACTIVE, IN_USE, DEACTIVATED, EXPIRED
  std::optional<bool> locked;
  std::optional<bool> bound;
};

struct CardRecordFilter {
  std::optional<std::vector<std::string>> customer_ids;  // as sender or receiver
  std::optional<std::string> card_number;
  std::optional<std::string> type_code;
  std::optional<std::vector<std::string>> kinds;
  std::optional<UnixSeconds> since;
  std::optional<UnixSeconds> until;
};

// Devices, for the devices list and the device a card may be bound to.
struct DeviceFilter {
  std::optional<std::vector<std::string>> customer_ids;
  std::optional<std::vector<std::string>> models;  // any of these
  std::optional<std::string> number;
  std::optional<bool> blacklisted;
};

struct DeductionFilter {
  std::optional<std::vector<std::string>> customer_ids;
  std::optional<std::string> card_number;
  std::optional<std::string> device_number;
};

// Cards of one type in one status, for the statistics.
struct CardCount {
  std::string type_code;
  std::string status;
  std::int64_t cards = 0;
  std::int64_t available_days = 0;  // their sum
  std::int64_t under_30_days = 0;   // with 1 to 29 days left
  std::int64_t under_7_days = 0;    // with 1 to 6 days left
  std::int64_t paying = 0;          // paying for a device now: one per device drawing days
};

struct DeductionRun {
  std::int64_t deducted = 0;
  std::int64_t blacklisted = 0;
};

// Everything validating a license for one machine reads.
// What validation reads for one code and fingerprint. The license and policy are shared, not
// copied: a store's cache keeps one copy of each however many machines' views point to it.
struct ValidationView {
  std::shared_ptr<const License> license;
  std::shared_ptr<const Policy> policy;
  std::optional<Activation> activation;  // the activation with exactly this fingerprint
};

// All reads and writes, inside one transaction. Methods return kNotFound only where stated;
// lookups that may miss return an empty optional. Not thread-safe: one transaction, one thread.
class StoreTx {
 public:
  virtual ~StoreTx() = default;

  virtual Status InsertToken(const ApiToken& token) = 0;
  virtual Status UpdateToken(const ApiToken& token) = 0;
  virtual Result<std::optional<ApiToken>> GetToken(const std::string& id) = 0;
  virtual Result<std::optional<ApiToken>> FindTokenByHash(const std::string& hash) = 0;
  virtual Result<Page<ApiToken>> ListTokens(const PageRequest& page) = 0;

  // Accounts: the console's users, their sessions, and the first administrator's setup link.
  virtual Status InsertUser(const User& user) = 0;
  virtual Status UpdateUser(const User& user) = 0;
  virtual Result<std::optional<User>> GetUser(const std::string& id) = 0;
  // By the email folded to lower case (core::EmailKey).
  virtual Result<std::optional<User>> FindUserByEmail(const std::string& email_key) = 0;
  // Every user, or those acting for `customer_id`.
  virtual Result<Page<User>> ListUsers(const std::optional<std::string>& customer_id,
                                       const PageRequest& page) = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
  virtual Result<std::int64_t> CountEnabledAdmins() = 0;
  virtual Status InsertSession(const Session& session) = 0;
  virtual Result<std::optional<Session>> FindSession(const std::string& hash) = 0;
  virtual Status TouchSession(const std::string& hash, UnixSeconds last_seen_at) = 0;
  virtual Status DeleteSession(const std::string& hash) = 0;
  virtual Status DeleteUserSessions(const std::string& user_id) = 0;
  // Sessions idle since before `idle_before` or created before `created_before`.
  virtual Result<std::int64_t> DeleteStaleSessions(UnixSeconds idle_before,
                                                   UnixSeconds created_before) = 0;
  virtual Status InsertSetupLink(const std::string& hash, UnixSeconds expires_at) = 0;
  // The expiry of the link with this hash, if there is one.
  virtual Result<std::optional<UnixSeconds>> FindSetupLink(const std::string& hash) = 0;
  virtual Status DeleteSetupLinks() = 0;
  // Adds `count.count` to the day's figure, so that every node's counts add up.
  virtual Status AddDailyCount(const DailyCount& count) = 0;
  virtual Result<std::vector<DailyCount>> ListDailyCounts(std::int64_t from_day,
                                                          std::int64_t to_day) = 0;
  // Counts one more sign-in attempt for `key`, in a new window opened at `now` if the current
  // one started at or before `expired_at_or_before`; answers the window as it now stands.
  virtual Result<SignInWindow> CountSignInAttempt(const std::string& key, UnixSeconds now,
                                                  UnixSeconds expired_at_or_before) = 0;
  virtual Result<std::optional<SignInWindow>> GetSignInWindow(const std::string& key) = 0;
  // Takes one attempt back: it was not a failure after all.
  virtual Status UncountSignInAttempt(const std::string& key) = 0;
  virtual Status DeleteSignInWindow(const std::string& key) = 0;
  virtual Status DeleteStaleSignInWindows(UnixSeconds started_at_or_before) = 0;

  virtual Status InsertProduct(const Product& product) = 0;
  virtual Status UpdateProduct(const Product& product) = 0;
  virtual Status DeleteProduct(const std::string& id) = 0;
  virtual Result<std::optional<Product>> GetProduct(const std::string& id) = 0;
  virtual Result<Page<Product>> ListProducts(const PageRequest& page) = 0;

  virtual Status InsertCustomer(const Customer& customer) = 0;
  virtual Status UpdateCustomer(const Customer& customer) = 0;
  virtual Status DeleteCustomer(const std::string& id) = 0;
  virtual Result<std::optional<Customer>> GetCustomer(const std::string& id) = 0;
  virtual Result<Page<Customer>> ListCustomers(const std::optional<std::string>& parent_id,
                                               const PageRequest& page) = 0;
  virtual Result<std::int64_t> CountChildCustomers(const std::string& id) = 0;

  virtual Status InsertPolicy(const Policy& policy) = 0;
  virtual Status UpdatePolicy(const Policy& policy) = 0;
  virtual Status DeletePolicy(const std::string& id) = 0;
  virtual Result<std::optional<Policy>> GetPolicy(const std::string& id) = 0;
  virtual Result<Page<Policy>> ListPolicies(const std::optional<std::string>& product_id,
                                            const PageRequest& page) = 0;
  virtual Result<std::int64_t> CountPolicies(const std::string& product_id) = 0;

  // InsertLicense returns kConflict when the code is already taken.
  virtual Status InsertLicense(const License& license) = 0;
  virtual Status UpdateLicense(const License& license) = 0;
  virtual Status DeleteLicense(const std::string& id) = 0;
  virtual Result<std::optional<License>> GetLicense(const std::string& id) = 0;
  // Inside a write transaction this also locks the license row against concurrent writers, so
  // activation caps can be checked and enforced in one step.
  virtual Result<std::optional<License>> GetLicenseByCode(const std::string& code) = 0;
  virtual Result<Page<License>> ListLicenses(const LicenseFilter& filter,
                                             const PageRequest& page) = 0;
  virtual Result<std::int64_t> CountLicenses(const LicenseFilter& filter) = 0;
  // Every license by status, and the activations by state (ALIVE, DEAD): the dashboard's
  // figures, one grouped count each.
  virtual Result<std::map<std::string, std::int64_t>> CountLicensesByStatus() = 0;
  virtual Result<std::map<std::string, std::int64_t>> CountActivationsByState() = 0;
  // Active licenses whose expiry plus their policy's grace is before `now`.
  virtual Result<std::vector<License>> ListLicensesPastExpiry(UnixSeconds now, int limit) = 0;

  virtual Status InsertActivation(const Activation& activation) = 0;
  virtual Status UpdateActivation(const Activation& activation) = 0;
  virtual Status DeleteActivation(const std::string& id) = 0;
  virtual Result<std::optional<Activation>> GetActivation(const std::string& id) = 0;
  virtual Result<std::optional<Activation>> FindActivation(const std::string& license_id,
                                                           const std::string& fingerprint) = 0;
  // A page of the license's activations in the order they were made.
  virtual Result<Page<Activation>> ListActivationPage(const std::string& license_id,
                                                      const ActivationFilter& filter,
                                                      const PageRequest& page) = 0;
  // Ids of at most `limit` activations of the license whose component `name` has `value`, from
  // an index kept with the activations: finding a machine with a replaced part costs
  // O(components x limit), never O(activations).
  virtual Result<std::vector<std::string>> FindActivationsWithComponent(
      const std::string& license_id, const std::string& name, const std::string& value,
      int limit) = 0;
  // Alive activations whose last heartbeat is older than their policy's interval plus grace.
  virtual Result<std::vector<Activation>> ListOverdueActivations(UnixSeconds now, int limit) = 0;

  // The validation hot path: the license with `code`, its policy, and (when `fingerprint` is
  // given) the activation holding it; null when no license has the code. A store may serve it
  // from a cache, which must never return data older than the last committed write.
  virtual Result<std::shared_ptr<const ValidationView>> GetValidationView(
      const std::string& code, const std::optional<std::string>& fingerprint) = 0;

  virtual Status InsertInstallation(const Installation& installation) = 0;
  virtual Result<std::optional<Installation>> GetInstallation(const std::string& id) = 0;
  virtual Result<Page<Installation>> ListInstallations(
      const std::optional<std::string>& customer_id, const PageRequest& page) = 0;
  virtual Status InsertInstallationFile(const InstallationFile& file) = 0;
  virtual Result<Page<InstallationFile>> ListInstallationFiles(const std::string& installation_id,
                                                               const PageRequest& page) = 0;
  virtual Result<std::int64_t> CountInstallationFiles(const std::string& installation_id,
                                                      const std::string& kind) = 0;

  // Serialises registry changes across nodes for the rest of the transaction (SQLite's single
  // writer already does).
  virtual Status LockRegistry() = 0;
  virtual Status AppendRegistryEntry(RegistryEntry& entry) = 0;  // assigns entry.seq
  // At most `limit` entries after `after_seq`, in order.
  virtual Result<std::vector<RegistryEntry>> ListRegistryEntries(std::int64_t after_seq,
                                                                 int limit) = 0;
  // The accepted uploads among the entries, a page at a time.
  virtual Result<Page<RegistryEntry>> ListRegistryUploads(const PageRequest& page) = 0;

  // False when the same resource, end and threshold was recorded before (by any node).
  virtual Result<bool> InsertRegistryReminder(const RegistryReminder& reminder) = 0;
  virtual Result<Page<RegistryReminder>> ListRegistryReminders(bool include_skipped,
                                                               const PageRequest& page) = 0;

  virtual Status InsertWebhook(const Webhook& webhook) = 0;
  virtual Status UpdateWebhook(const Webhook& webhook) = 0;  // kNotFound when missing
  virtual Result<std::optional<Webhook>> GetWebhook(const std::string& id) = 0;
  virtual Result<Page<Webhook>> ListActiveWebhooks(const PageRequest& page) = 0;
  virtual Status InsertWebhookDelivery(const WebhookDelivery& delivery) = 0;
  virtual Status UpdateWebhookDelivery(const WebhookDelivery& delivery) = 0;  // kNotFound
  // PENDING deliveries whose next attempt is due at `now`, oldest first.
  virtual Result<std::vector<WebhookDelivery>> ListDueWebhookDeliveries(UnixSeconds now,
                                                                        int limit) = 0;
  virtual Result<Page<WebhookDelivery>> ListWebhookDeliveries(const std::string& webhook_id,
                                                              const PageRequest& page) = 0;

  virtual Status InsertDeviceModel(const DeviceModel& model) = 0;  // kConflict: name taken
  virtual Result<std::optional<DeviceModel>> GetDeviceModel(const std::string& name) = 0;
  virtual Result<Page<DeviceModel>> ListDeviceModels(const PageRequest& page) = 0;
  virtual Status InsertCardType(const CardType& type) = 0;  // kConflict: code taken
  virtual Result<std::optional<CardType>> GetCardType(const std::string& code) = 0;
  virtual Result<Page<CardType>> ListCardTypes(const PageRequest& page) = 0;
  virtual Status InsertDevice(const Device& device) = 0;  // kConflict: number taken
  virtual Status UpdateDevice(const Device& device) = 0;  // owner and blacklist, not usage
  virtual Result<std::optional<Device>> GetDevice(const std::string& number) = 0;
  virtual Result<Page<Device>> ListDevices(const DeviceFilter& filter, const PageRequest& page) = 0;
  virtual Status InsertCard(const Card& card) = 0;  // kConflict: number taken
  virtual Status UpdateCard(const Card& card) = 0;
  virtual Result<std::optional<Card>> GetCard(const std::string& number) = 0;
  virtual Result<Page<Card>> ListCards(const CardFilter& filter, const PageRequest& page) = 0;
  virtual Result<std::vector<CardCount>> CountCards(
      const std::optional<std::vector<std::string>>& customers) = 0;
  virtual Status InsertCardRecord(const CardRecord& record) = 0;
  virtual Result<Page<CardRecord>> ListCardRecords(const CardRecordFilter& filter,
                                                   const PageRequest& page) = 0;
  // The deduction run (seed 002), set-based: every device whose usage time has run out (only
  // `device_number` when given) pays one day from one bound card — the one activated earliest,
  // then bound-but-inactive cards — and gets one more period; a card's first deduction sets its
  // activation time. At most one deduction per device and period, whatever runs at once. A
  // device that has to pay and cannot is blacklisted: the job blacklists devices whose bound
  // cards have no day left, a device's own report (`device_number`) also one with no card.
  // The store keeps, for each device, which card pays next and the device's usage time on it
  // (storage/card_sql.hpp); InsertCard, UpdateCard and UpdateDevice keep that in step.
  virtual Result<DeductionRun> DeductDue(UnixSeconds now,
                                         const std::optional<std::string>& device_number) = 0;
  virtual Result<Page<Deduction>> ListDeductions(const DeductionFilter& filter,
                                                 const PageRequest& page) = 0;

  virtual Status AppendEvent(Event& event) = 0;  // assigns event.seq
  virtual Result<Page<Event>> ListEvents(const EventFilter& filter, const PageRequest& page) = 0;
};

// A transactional store. The callback's Status decides: ok commits, anything else rolls back
// and is returned. Thread-safe: many transactions may run at once on different threads.
class Store {
 public:
  virtual ~Store() = default;
  using TxFunction = std::function<Status(StoreTx&)>;
  virtual Status Read(const TxFunction& fn) = 0;
  virtual Status Write(const TxFunction& fn) = 0;
  // True when a read can wait: on the network, or for a lock held by a writer. The server then
  // keeps reads off its network threads.
  virtual bool ReadsMayBlock() const = 0;
};

// Unwraps a lookup, answering NotFound naming the resource's kind when it missed.
template <typename T>
Result<T> Require(Result<std::optional<T>> found, const char* kind) {
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound(std::string(kind) + " not found");
  return std::move(**found);
}

// Runs `read` (StoreTx& → Result<T>) in a read transaction and returns its value.
template <typename T, typename ReadFn>
Result<T> ReadValue(Store& store, ReadFn read) {
  std::optional<T> out;
  LICENSOR_RETURN_IF_ERROR(store.Read([&](StoreTx& tx) -> Status {
    Result<T> value = read(tx);
    if (!value.ok()) return value.status();
    out = std::move(value).value();
    return Status::Ok();
  }));
  return std::move(*out);
}

}  // namespace licensor::core
