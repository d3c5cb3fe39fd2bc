// The column list of each table whose rows are entities: the one place a stored field is named.
// The first column is each table's key, `id`; `seq`, the order rows were made in, is the
// store's own and is read before these. Adding a field: add it to the entity, here, and to the
// schema history (storage/schema_history.cpp); the statements, binds and reads follow.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/store_cards.hpp"
#include "storage/card_sql.hpp"
#include "storage/columns.hpp"

namespace licensor::storage {

// How many rows hold each value of one column: a grouped read, never written.
struct GroupCount {
  std::string group;
  std::int64_t count = 0;
};

}  // namespace licensor::storage

namespace licensor::storage::tables {

inline constexpr Column<core::ApiToken> kTokens[] = {
    Col<&core::ApiToken::id>("id"),
    Col<&core::ApiToken::name>("name"),
    Col<&core::ApiToken::role>("role"),
    Col<&core::ApiToken::hash>("hash"),
    Col<&core::ApiToken::created_at>("created_at"),
    Col<&core::ApiToken::revoked_at>("revoked_at"),
    Col<&core::ApiToken::customer_id>("customer_id"),
};
static_assert(FieldsCompleted(kTokens) == FieldCount<core::ApiToken>());

// What a change of a token writes, its key first: its secret, role and customer never change.
inline constexpr auto kTokenChanges = Pick(kTokens, {"id", "name", "revoked_at"});

inline constexpr Column<core::Product> kProducts[] = {
    Col<&core::Product::id>("id"),
    Col<&core::Product::name>("name"),
    Col<&core::Product::created_at>("created_at"),
    Col<&core::Product::updated_at>("updated_at"),
};
static_assert(FieldsCompleted(kProducts) == FieldCount<core::Product>());

inline constexpr Column<core::Customer> kCustomers[] = {
    Col<&core::Customer::id>("id"),
    Col<&core::Customer::name>("name"),
    Col<&core::Customer::email>("email"),
    Col<&core::Customer::parent_id>("parent_id"),
    Col<&core::Customer::created_at>("created_at"),
    Col<&core::Customer::updated_at>("updated_at"),
    Col<&core::Customer::allow_superior_manage_licenses>("allow_superior_manage_licenses"),
};
static_assert(FieldsCompleted(kCustomers) == FieldCount<core::Customer>());

inline constexpr Column<core::Policy> kPolicies[] = {
    Col<&core::Policy::id>("id"),
    Col<&core::Policy::product_id>("product_id"),
    Col<&core::Policy::name>("name"),
    Col<&core::Policy::duration_days>("duration_days"),
    Col<&core::Policy::validity_basis>("validity_basis"),
    Col<&core::Policy::max_activations>("max_activations"),
    Col<&core::Policy::features>("features"),
    Col<&core::Policy::deployment_mode>("deployment_mode"),
    Col<&core::Policy::trial>("trial"),
    Col<&core::Policy::heartbeat_interval_s>("heartbeat_interval_s"),
    Col<&core::Policy::heartbeat_grace_s>("heartbeat_grace_s"),
    Col<&core::Policy::offline_grace_s>("offline_grace_s"),
    Col<&core::Policy::dead_activation>("dead_activation"),
    PartCol<&core::Policy::fingerprint_rule, &FingerprintRule::components, true>("fp_components"),
    PartCol<&core::Policy::fingerprint_rule, &FingerprintRule::min_matching, false>(
        "fp_min_matching"),
    Col<&core::Policy::expiry_grace_days>("expiry_grace_days"),
    Col<&core::Policy::created_at>("created_at"),
    Col<&core::Policy::updated_at>("updated_at"),
    Col<&core::Policy::description>("description"),
    Col<&core::Policy::sku>("sku"),
};
static_assert(FieldsCompleted(kPolicies) == FieldCount<core::Policy>());

// The columns a license is written to. Its activation count and whether an activation has yet
// to fetch its version are kept by the schema's triggers, and read through kLicenseDerived.
inline constexpr Column<core::License> kLicenses[] = {
    Col<&core::License::id>("id"),
    Col<&core::License::code>("code"),
    Col<&core::License::policy_id>("policy_id"),
    Col<&core::License::product_id>("product_id"),
    Col<&core::License::customer_id>("customer_id"),
    Col<&core::License::status>("status"),
    Col<&core::License::duration_days>("duration_days"),
    Col<&core::License::validity_basis>("validity_basis"),
    Col<&core::License::expires_at>("expires_at"),
    Col<&core::License::max_activations>("max_activations"),
    Col<&core::License::features>("features"),
    Col<&core::License::version>("version"),
    Col<&core::License::first_activated_at>("first_activated_at"),
    Col<&core::License::created_at>("created_at"),
    Col<&core::License::updated_at>("updated_at"),
};
inline constexpr Column<core::License> kLicenseDerived[] = {
    Col<&core::License::activations_count>("activations_count"),
    Col<&core::License::pending_sync>("stale_activations > 0"),
};
static_assert(FieldsCompleted(kLicenses) + FieldsCompleted(kLicenseDerived) ==
              FieldCount<core::License>());

inline constexpr Column<core::Activation> kActivations[] = {
    Col<&core::Activation::id>("id"),
    Col<&core::Activation::license_id>("license_id"),
    Col<&core::Activation::fingerprint>("fingerprint"),
    Col<&core::Activation::components>("components"),
    Col<&core::Activation::hostname>("hostname"),
    Col<&core::Activation::platform>("platform"),
    Col<&core::Activation::state>("state"),
    Col<&core::Activation::fetched_version>("fetched_version"),
    Col<&core::Activation::activated_at>("activated_at"),
    Col<&core::Activation::last_seen_at>("last_seen_at"),
    Col<&core::Activation::offline, IntegerFlagCodec>("offline"),
};
static_assert(FieldsCompleted(kActivations) == FieldCount<core::Activation>());

inline constexpr Column<core::Installation> kInstallations[] = {
    Col<&core::Installation::id>("id"),
    Col<&core::Installation::customer_id>("customer_id"),
    Col<&core::Installation::tenant_id>("tenant_id"),
    Col<&core::Installation::environment>("environment"),
    Col<&core::Installation::name>("name"),
    Col<&core::Installation::license_id>("license_id"),
    Col<&core::Installation::created_at>("created_at"),
};
static_assert(FieldsCompleted(kInstallations) == FieldCount<core::Installation>());

inline constexpr Column<core::InstallationFile> kInstallationFiles[] = {
    Col<&core::InstallationFile::id>("id"),
    Col<&core::InstallationFile::installation_id>("installation_id"),
    Col<&core::InstallationFile::kind>("kind"),
    Col<&core::InstallationFile::version>("version"),
    Col<&core::InstallationFile::issued_at>("issued_at"),
    Col<&core::InstallationFile::actor>("actor"),
    Col<&core::InstallationFile::file>("file"),
};
static_assert(FieldsCompleted(kInstallationFiles) == FieldCount<core::InstallationFile>());

// The console's accounts. A user's email is also kept folded (core::EmailKey), the key that
// makes two emails one account; it is written from the email and never read back.
inline SqlValue EmailKeyOf(const core::User& user) { return core::EmailKey(user.email); }
inline constexpr Column<core::User> kUsers[] = {
    Col<&core::User::id>("id"),
    Col<&core::User::email>("email"),
    Column<core::User>{"email_key", SqlType::kText, EmailKeyOf, nullptr, 0},
    Col<&core::User::display_name>("display_name"),
    Col<&core::User::role>("role"),
    Col<&core::User::customer_id>("customer_id"),
    Col<&core::User::disabled>("disabled"),
    Col<&core::User::password_hash>("password_hash"),
    Col<&core::User::created_at>("created_at"),
    Col<&core::User::updated_at>("updated_at"),
    Col<&core::User::last_login_at>("last_login_at"),
};
static_assert(FieldsCompleted(kUsers) == FieldCount<core::User>());

// Sessions are found by the hash of their secret, their first column.
inline constexpr Column<core::Session> kSessions[] = {
    Col<&core::Session::hash>("hash"),
    Col<&core::Session::user_id>("user_id"),
    Col<&core::Session::created_at>("created_at"),
    Col<&core::Session::last_seen_at>("last_seen_at"),
};
static_assert(FieldsCompleted(kSessions) == FieldCount<core::Session>());

inline constexpr Column<core::DailyCount> kDailyCounts[] = {
    Col<&core::DailyCount::day>("day"),
    Col<&core::DailyCount::kind>("kind"),
    Col<&core::DailyCount::result>("result"),
    Col<&core::DailyCount::count>("count"),
};
static_assert(FieldsCompleted(kDailyCounts) == FieldCount<core::DailyCount>());

// A key's window of sign-in attempts (the key itself is the statements' parameter).
inline constexpr Column<core::SignInWindow> kSignInWindows[] = {
    Col<&core::SignInWindow::start>("window_start"),
    Col<&core::SignInWindow::attempts>("attempts"),
};
static_assert(FieldsCompleted(kSignInWindows) == FieldCount<core::SignInWindow>());

// The audit log. An event keeps its row's seq, which the store assigns (below).
inline constexpr Column<core::Event> kEvents[] = {
    Col<&core::Event::id>("id"),
    Col<&core::Event::at>("at"),
    Col<&core::Event::actor>("actor"),
    Col<&core::Event::action>("action"),
    Col<&core::Event::resource_type>("resource_type"),
    Col<&core::Event::resource_id>("resource_id"),
    Col<&core::Event::before>("before"),
    Col<&core::Event::after>("after"),
    Col<&core::Event::address>("address"),
};
static_assert(1 + FieldsCompleted(kEvents) == FieldCount<core::Event>());

// The registry's tables. Their entities keep the row's seq (the log's order, a list's cursor),
// which the store assigns: it is read (RowsWithSeqOf) and never written, and each static_assert
// counts it beside the columns.
inline constexpr Column<core::RegistryEntry> kRegistryLog[] = {
    Col<&core::RegistryEntry::at>("at"),
    Col<&core::RegistryEntry::actor>("actor"),
    Col<&core::RegistryEntry::kind>("kind"),
    Col<&core::RegistryEntry::body>("body"),
};
static_assert(1 + FieldsCompleted(kRegistryLog) == FieldCount<core::RegistryEntry>());

inline constexpr Column<core::RegistryReminder> kRegistryReminders[] = {
    Col<&core::RegistryReminder::id>("id"),
    Col<&core::RegistryReminder::resource_kind>("resource_kind"),
    Col<&core::RegistryReminder::resource_id>("resource_id"),
    Col<&core::RegistryReminder::resource_name>("resource_name"),
    Col<&core::RegistryReminder::expires_at>("expires_at"),
    Col<&core::RegistryReminder::threshold_days>("threshold_days"),
    Col<&core::RegistryReminder::created_at>("created_at"),
    Col<&core::RegistryReminder::sent>("sent"),
};
static_assert(1 + FieldsCompleted(kRegistryReminders) == FieldCount<core::RegistryReminder>());

inline constexpr Column<core::Webhook> kWebhooks[] = {
    Col<&core::Webhook::id>("id"),         Col<&core::Webhook::url>("url"),
    Col<&core::Webhook::secret>("secret"), Col<&core::Webhook::created_at>("created_at"),
    Col<&core::Webhook::actor>("actor"),   Col<&core::Webhook::deleted_at>("deleted_at"),
};
static_assert(1 + FieldsCompleted(kWebhooks) == FieldCount<core::Webhook>());

// The server keys (core/key_ring.hpp); the ring is one row, its key is the constant id 1.
inline constexpr Column<core::KeyRingRecord> kKeyRing[] = {
    Col<&core::KeyRingRecord::generation>("generation"),
    Col<&core::KeyRingRecord::master_key_id>("master_key_id"),
    Col<&core::KeyRingRecord::sealed_token_key>("sealed_token_key"),
    Col<&core::KeyRingRecord::created_at>("created_at"),
    Col<&core::KeyRingRecord::imported_from>("imported_from"),
};
static_assert(FieldsCompleted(kKeyRing) == FieldCount<core::KeyRingRecord>());

inline constexpr Column<core::SigningKeyRecord> kSigningKeys[] = {
    Col<&core::SigningKeyRecord::id>("id"),
    Col<&core::SigningKeyRecord::public_key>("public_key"),
    Col<&core::SigningKeyRecord::sealed_secret>("sealed_secret"),
    Col<&core::SigningKeyRecord::state>("state"),
    Col<&core::SigningKeyRecord::created_at>("created_at"),
    Col<&core::SigningKeyRecord::retired_at>("retired_at"),
};
static_assert(1 + FieldsCompleted(kSigningKeys) == FieldCount<core::SigningKeyRecord>());

inline constexpr Column<core::WebhookDelivery> kWebhookDeliveries[] = {
    Col<&core::WebhookDelivery::id>("id"),
    Col<&core::WebhookDelivery::webhook_id>("webhook_id"),
    Col<&core::WebhookDelivery::event_id>("event_id"),
    Col<&core::WebhookDelivery::event_type>("event_type"),
    Col<&core::WebhookDelivery::body>("body"),
    Col<&core::WebhookDelivery::state>("state"),
    Col<&core::WebhookDelivery::attempts>("attempts"),
    Col<&core::WebhookDelivery::next_attempt_at>("next_attempt_at"),
    Col<&core::WebhookDelivery::delivered_at>("delivered_at"),
    Col<&core::WebhookDelivery::last_error>("last_error"),
    Col<&core::WebhookDelivery::created_at>("created_at"),
};
static_assert(1 + FieldsCompleted(kWebhookDeliveries) == FieldCount<core::WebhookDelivery>());

// The e-mail outbox and the links its mail carries (core/mail_service.hpp). A link's address is
// also kept folded, as a user's is, to count the links one address was sent.
inline constexpr Column<core::Mail> kMailOutbox[] = {
    Col<&core::Mail::id>("id"),
    Col<&core::Mail::purpose>("purpose"),
    Col<&core::Mail::once_key>("once_key"),
    Col<&core::Mail::recipient>("recipient"),
    Col<&core::Mail::subject>("subject"),
    Col<&core::Mail::sealed_body>("sealed_body"),
    Col<&core::Mail::state>("state"),
    Col<&core::Mail::attempts>("attempts"),
    Col<&core::Mail::next_attempt_at>("next_attempt_at"),
    Col<&core::Mail::sent_at>("sent_at"),
    Col<&core::Mail::last_error>("last_error"),
    Col<&core::Mail::created_at>("created_at"),
};
static_assert(1 + FieldsCompleted(kMailOutbox) == FieldCount<core::Mail>());

inline SqlValue LinkEmailKeyOf(const core::AccountLink& link) { return core::EmailKey(link.email); }
inline constexpr Column<core::AccountLink> kAccountLinks[] = {
    Col<&core::AccountLink::id>("id"),
    Col<&core::AccountLink::purpose>("purpose"),
    Col<&core::AccountLink::token_hash>("token_hash"),
    Col<&core::AccountLink::email>("email"),
    Column<core::AccountLink>{"email_key", SqlType::kText, LinkEmailKeyOf, nullptr, 0},
    Col<&core::AccountLink::display_name>("display_name"),
    Col<&core::AccountLink::role>("role"),
    Col<&core::AccountLink::customer_id>("customer_id"),
    Col<&core::AccountLink::user_id>("user_id"),
    Col<&core::AccountLink::created_by>("created_by"),
    Col<&core::AccountLink::created_at>("created_at"),
    Col<&core::AccountLink::expires_at>("expires_at"),
    Col<&core::AccountLink::used_at>("used_at"),
};
static_assert(1 + FieldsCompleted(kAccountLinks) == FieldCount<core::AccountLink>());

// The day-cards' tables (seed 002). Their entities keep the row's seq, like the registry's.
inline constexpr Column<core::DeviceModel> kDeviceModels[] = {
    Col<&core::DeviceModel::id>("id"),
    Col<&core::DeviceModel::name>("name"),
    Col<&core::DeviceModel::created_at>("created_at"),
};
static_assert(1 + FieldsCompleted(kDeviceModels) == FieldCount<core::DeviceModel>());

inline constexpr Column<core::CardType> kCardTypes[] = {
    Col<&core::CardType::id>("id"),
    Col<&core::CardType::code>("code"),
    Col<&core::CardType::name>("name"),
    Col<&core::CardType::models>("models"),
    Col<&core::CardType::max_days>("max_days"),
    Col<&core::CardType::created_at>("created_at"),
};
static_assert(1 + FieldsCompleted(kCardTypes) == FieldCount<core::CardType>());

// A device's usage time is kept on its paying card while it has one (storage/card_sql.hpp), so
// it is read from there.
inline constexpr Column<core::Device> kDevices[] = {
    Col<&core::Device::id>("id"),
    Col<&core::Device::number>("number"),
    Col<&core::Device::model>("model"),
    Col<&core::Device::customer_id>("customer_id"),
    Col<&core::Device::credential_hash>("credential_hash"),
    Col<&core::Device::blacklisted>("blacklisted"),
    Col<&core::Device::blacklisted_at>("blacklisted_at"),
    ColReadAs<&core::Device::usage_until>("usage_until", LICENSOR_DEVICE_USAGE_SQL),
    Col<&core::Device::created_at>("created_at"),
};
static_assert(1 + FieldsCompleted(kDevices) == FieldCount<core::Device>());

// What a change of a device writes, its key first: its model and credential never change.
inline constexpr auto kDeviceChanges =
    Pick(kDevices, {"number", "customer_id", "blacklisted", "blacklisted_at"});

inline constexpr Column<core::Card> kCards[] = {
    Col<&core::Card::id>("id"),
    Col<&core::Card::number>("number"),
    Col<&core::Card::type_code>("type_code"),
    Col<&core::Card::total_days>("total_days"),
    Col<&core::Card::available_days>("available_days"),
    Col<&core::Card::activated_at>("activated_at"),
    Col<&core::Card::device_number>("device_number"),
    Col<&core::Card::bound_at>("bound_at"),
    Col<&core::Card::customer_id>("customer_id"),
    Col<&core::Card::locked>("locked"),
    Col<&core::Card::created_at>("created_at"),
};
static_assert(1 + FieldsCompleted(kCards) == FieldCount<core::Card>());

// What a change of a card writes, its key first: its id, type and creation never change.
inline constexpr auto kCardChanges =
    Pick(kCards, {"number", "total_days", "available_days", "activated_at", "device_number",
                  "bound_at", "customer_id", "locked"});

// What decides which card pays for a device (storage/payer_steps.hpp), read before a change.
inline constexpr auto kCardBinding =
    Pick(kCards, {"device_number", "available_days", "activated_at"});

inline constexpr Column<core::CardRecord> kCardRecords[] = {
    Col<&core::CardRecord::id>("id"),
    Col<&core::CardRecord::card_number>("card_number"),
    Col<&core::CardRecord::type_code>("type_code"),
    Col<&core::CardRecord::kind>("kind"),
    Col<&core::CardRecord::from_customer>("from_customer"),
    Col<&core::CardRecord::to_customer>("to_customer"),
    Col<&core::CardRecord::device_number>("device_number"),
    Col<&core::CardRecord::days>("days"),
    Col<&core::CardRecord::actor>("actor"),
    Col<&core::CardRecord::at>("at"),
};
static_assert(1 + FieldsCompleted(kCardRecords) == FieldCount<core::CardRecord>());

// Cards counted by type and status (a grouped read, never written): what each figure is.
inline constexpr Column<core::CardCount> kCardCounts[] = {
    Col<&core::CardCount::type_code>("type_code"),
    ColReadAs<&core::CardCount::status>("status", LICENSOR_CARD_STATUS_SQL " AS status"),
    ColReadAs<&core::CardCount::cards>("cards", "COUNT(*)"),
    ColReadAs<&core::CardCount::available_days>("available_days", "SUM(available_days)"),
    ColReadAs<&core::CardCount::under_30_days>(
        "under_30_days", "SUM(CASE WHEN available_days BETWEEN 1 AND 29 THEN 1 ELSE 0 END)"),
    ColReadAs<&core::CardCount::under_7_days>(
        "under_7_days", "SUM(CASE WHEN available_days BETWEEN 1 AND 6 THEN 1 ELSE 0 END)"),
    ColReadAs<&core::CardCount::paying>("paying", "SUM(CASE WHEN paying THEN 1 ELSE 0 END)"),
};
static_assert(FieldsCompleted(kCardCounts) == FieldCount<core::CardCount>());

// Licenses counted by status, and machines by state (the dashboard's figures).
inline constexpr Column<GroupCount> kLicensesByStatus[] = {
    Col<&GroupCount::group>("status"),
    ColReadAs<&GroupCount::count>("count", "COUNT(*)"),
};
inline constexpr Column<GroupCount> kActivationsByState[] = {
    Col<&GroupCount::group>("state"),
    ColReadAs<&GroupCount::count>("count", "COUNT(*)"),
};

// The webhook outbox by state (/metrics).
inline constexpr Column<core::OutboxState> kOutboxStates[] = {
    Col<&core::OutboxState::state>("state"),
    ColReadAs<&core::OutboxState::count>("count", "COUNT(*)"),
    ColReadAs<&core::OutboxState::oldest_created_at>("oldest_created_at", "MIN(created_at)"),
};

// Written only by the deduction run, set-based (storage/card_sql.hpp).
inline constexpr Column<core::Deduction> kDeductions[] = {
    Col<&core::Deduction::card_number>("card_number"),
    Col<&core::Deduction::device_number>("device_number"),
    Col<&core::Deduction::customer_id>("customer_id"),
    Col<&core::Deduction::period_start>("period_start"),
    Col<&core::Deduction::at>("at"),
    Col<&core::Deduction::days>("days"),
    Col<&core::Deduction::balance_after>("balance_after"),
};
static_assert(1 + FieldsCompleted(kDeductions) == FieldCount<core::Deduction>());

}  // namespace licensor::storage::tables

// How the rows of the tables whose entities keep their seq are read, the same in both stores.
namespace licensor::storage::rows {
inline const auto kLicensesByStatus = RowsWithoutSeqOf(tables::kLicensesByStatus);
inline const auto kActivationsByState = RowsWithoutSeqOf(tables::kActivationsByState);
inline const auto kOutboxState = RowsWithoutSeqOf(tables::kOutboxStates);
inline const auto kKeyRing = RowsWithoutSeqOf(tables::kKeyRing);
inline const auto kSigningKey = RowsWithSeqOf<&core::SigningKeyRecord::seq>(tables::kSigningKeys);
inline const auto kModel = RowsWithSeqOf<&core::DeviceModel::seq>(tables::kDeviceModels);
inline const auto kType = RowsWithSeqOf<&core::CardType::seq>(tables::kCardTypes);
inline const auto kDevice = RowsWithSeqOf<&core::Device::seq>(tables::kDevices);
inline const auto kCard = RowsWithSeqOf<&core::Card::seq>(tables::kCards);
inline const auto kRecord = RowsWithSeqOf<&core::CardRecord::seq>(tables::kCardRecords);
inline const auto kDeduction = RowsWithSeqOf<&core::Deduction::seq>(tables::kDeductions);
inline const auto kEvent = RowsWithSeqOf<&core::Event::seq>(tables::kEvents);
inline const auto kEntry = RowsWithSeqOf<&core::RegistryEntry::seq>(tables::kRegistryLog);
inline const auto kReminder =
    RowsWithSeqOf<&core::RegistryReminder::seq>(tables::kRegistryReminders);
inline const auto kWebhook = RowsWithSeqOf<&core::Webhook::seq>(tables::kWebhooks);
inline const auto kDelivery =
    RowsWithSeqOf<&core::WebhookDelivery::seq>(tables::kWebhookDeliveries);
inline const auto kMail = RowsWithSeqOf<&core::Mail::seq>(tables::kMailOutbox);
inline const auto kAccountLink = RowsWithSeqOf<&core::AccountLink::seq>(tables::kAccountLinks);
}  // namespace licensor::storage::rows

namespace licensor::storage {

// Grouped counts as a map from each group's value to its count.
inline std::map<std::string, std::int64_t> ByGroup(const std::vector<GroupCount>& counts) {
  std::map<std::string, std::int64_t> out;
  for (const GroupCount& c : counts) out[c.group] = c.count;
  return out;
}

}  // namespace licensor::storage
