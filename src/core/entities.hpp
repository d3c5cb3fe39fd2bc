// The domain nouns: Product, Customer, Policy, License, Activation, ApiToken, Event.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/fingerprint_rule.hpp"
#include "core/enums.hpp"

namespace licensor::core {

struct Product {
  std::string id;
  std::string name;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;

  friend bool operator==(const Product&, const Product&) = default;
};

struct Customer {
  std::string id;
  std::string name;
  std::string email;
  std::optional<std::string> parent_id;  // the superior customer in a hierarchy
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
  // Set by the customer's own administrator: its superior may then bind, unbind, sell and
  // return this customer's cards (seed 002). It may always view them.
  bool allow_superior_manage_licenses = false;

  friend bool operator==(const Customer&, const Customer&) = default;
};

struct Policy {
  std::string id;
  std::string product_id;
  std::string name;
  // What the policy is for, in the vendor's words, beside its name wherever one is chosen.
  std::string description;
  // The vendor's own code for what the policy sells (its SKU), so a shop or billing system that
  // knows only its SKUs can find the policy to issue from. Empty: none.
  std::string sku;
  std::optional<std::int64_t> duration_days;  // nullopt: perpetual
  ValidityBasis validity_basis = ValidityBasis::kFromCreation;
  int max_activations = 1;
  std::vector<std::string> features;
  DeploymentMode deployment_mode = DeploymentMode::kOnline;
  bool trial = false;
  std::optional<std::int64_t> heartbeat_interval_s;  // nullopt: no heartbeat required
  std::int64_t heartbeat_grace_s = 0;  // the server: a machine silent this long past its
                                       // interval is dead
  // The client: how long past its file's refresh-by a product keeps running without reaching
  // the server (OFFLINE_GRACE). nullopt: heartbeat_grace_s.
  std::optional<std::int64_t> offline_grace_s;
  DeadActivationAction dead_activation = DeadActivationAction::kKeep;
  FingerprintRule fingerprint_rule;
  std::int64_t expiry_grace_days = 0;  // still valid (IN_GRACE_PERIOD) this long after expiry
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;

  friend bool operator==(const Policy&, const Policy&) = default;
};

struct License {
  std::string id;
  std::string code;
  std::string policy_id;
  std::string product_id;
  std::string customer_id;
  LicenseStatus status = LicenseStatus::kActive;
  std::optional<std::int64_t> duration_days;  // the validity; nullopt: perpetual
  ValidityBasis validity_basis = ValidityBasis::kFromCreation;
  std::optional<UnixSeconds> expires_at;  // nullopt: perpetual or not yet started
  int max_activations = 1;
  std::vector<std::string> features;
  std::int64_t version = 1;  // grows with each change an activation should learn about
  std::optional<UnixSeconds> first_activated_at;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
  // Derived by the store from the license's activations on every read.
  int activations_count = 0;
  bool pending_sync = false;  // some activation has not fetched `version` yet

  friend bool operator==(const License&, const License&) = default;
};

struct Activation {
  std::string id;
  std::string license_id;
  std::string fingerprint;
  std::map<std::string, std::string> components;
  std::string hostname;
  std::string platform;
  ActivationState state = ActivationState::kAlive;
  std::int64_t fetched_version = 0;  // the license version this machine last received
  UnixSeconds activated_at = 0;
  UnixSeconds last_seen_at = 0;
  bool offline = false;  // activated by an offline license file; sends no heartbeats

  friend bool operator==(const Activation&, const Activation&) = default;
};

// A vendor's platform installed at a customer (seeds 000 and 001): the files issued for it name
// it, and the installation's own licensord refuses files for any other.
struct Installation {
  std::string id;
  std::string customer_id;
  std::string tenant_id;
  std::string environment;  // DEV, UAT or PROD
  std::string name;
  std::string license_id;  // the environment's unique code, e.g. "ENV-PROD-7Q2XK4M9"
  UnixSeconds created_at = 0;

  friend bool operator==(const Installation&, const Installation&) = default;
};

// A signed file issued for an installation, kept for the vendor's history.
struct InstallationFile {
  std::string id;  // the package id or the deployment license id
  std::string installation_id;
  std::string kind;          // "certificate-package" or "deployment-license"
  std::int64_t version = 1;  // deployment licenses: 1, 2, ... per installation
  UnixSeconds issued_at = 0;
  std::string actor;
  std::string file;  // the armored file as issued

  friend bool operator==(const InstallationFile&, const InstallationFile&) = default;
};

// One event in an installation's license registry: an upload (accepted or refused), an agent
// created or deleted, a certificate bound. The registry's state is a fold over these.
struct RegistryEntry {
  std::int64_t seq = 0;
  UnixSeconds at = 0;
  std::string actor;
  std::string kind;  // "upload", "agent.create", "agent.delete", "certificate.bind",
                     // "user.create", "user.delete"
  std::string body;  // JSON

  friend bool operator==(const RegistryEntry&, const RegistryEntry&) = default;
};

// A reminder of a coming expiry in the registry, handled once per resource, end and threshold.
struct RegistryReminder {
  std::int64_t seq = 0;
  std::string id;
  std::string resource_kind;  // "platform", "agent", or "agents" (the unlimited-agents license)
  std::string resource_id;    // the agent's id; empty for the platform and "agents"
  std::string resource_name;
  UnixSeconds expires_at = 0;
  int threshold_days = 0;  // 45, 30, 15, 7, ..., 1
  UnixSeconds created_at = 0;
  bool sent = true;  // false: the threshold passed while no job ran; recorded, never sent late

  friend bool operator==(const RegistryReminder&, const RegistryReminder&) = default;
};

// An endpoint that receives registry events, each body signed with HMAC-SHA256 under `secret`.
struct Webhook {
  std::int64_t seq = 0;
  std::string id;
  std::string url;
  // Sealed under the master key (crypto/master_key.hpp) to sign deliveries; shown only when the
  // webhook is created, and wiped when it is deleted.
  std::string secret;
  UnixSeconds created_at = 0;
  std::string actor;
  std::optional<UnixSeconds> deleted_at;

  friend bool operator==(const Webhook&, const Webhook&) = default;
};

// One event on its way to one webhook: retried with backoff until delivered or given up.
struct WebhookDelivery {
  std::int64_t seq = 0;
  std::string id;
  std::string webhook_id;
  std::string event_id;
  std::string event_type;  // e.g. "registry.reminder"
  std::string body;        // JSON, exactly the bytes that are signed and sent
  std::string state;       // PENDING, DELIVERED, FAILED
  int attempts = 0;
  UnixSeconds next_attempt_at = 0;
  std::optional<UnixSeconds> delivered_at;
  std::string last_error;
  UnixSeconds created_at = 0;

  friend bool operator==(const WebhookDelivery&, const WebhookDelivery&) = default;
};

// How many webhook deliveries wait in one state, and since when (the oldest's creation).
struct OutboxState {
  std::string state;
  std::int64_t count = 0;
  UnixSeconds oldest_created_at = 0;
};

// The server's keys as the store holds them, shared by every node (core/key_ring.hpp).
// One row: a generation that every change to the keys raises, so that a node knows when what it
// holds is stale, and the token key sealed under the master key that `master_key_id` names.
struct KeyRingRecord {
  std::int64_t generation = 0;
  std::string master_key_id;
  std::string sealed_token_key;
  UnixSeconds created_at = 0;
  std::string imported_from;  // the keys directory the first keys came from, or ""

  friend bool operator==(const KeyRingRecord&, const KeyRingRecord&) = default;
};

// An Ed25519 key that signs files and answers. CURRENT signs new files; ACTIVE ones verify what
// they signed; a RETIRED key's secret is destroyed and what it signed is refused.
struct SigningKeyRecord {
  std::int64_t seq = 0;
  std::string id;             // 16 hex digits of BLAKE2b of the public key
  std::string public_key;     // base64
  std::string sealed_secret;  // "" once retired
  std::string state;          // CURRENT, ACTIVE or RETIRED
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> retired_at;

  friend bool operator==(const SigningKeyRecord&, const SigningKeyRecord&) = default;
};

// An e-mail in the outbox (core/mail_service.hpp). Its body is sealed under the master key while
// it waits, for it may carry a link that signs someone in, and is dropped once sent or given up.
struct Mail {
  std::int64_t seq = 0;
  std::string id;       // "mail_..."
  std::string purpose;  // e.g. "registry.reminder", "invitation", "password_reset"
  // Set: the message is sent once however often it is queued (a license's expiry notice).
  std::optional<std::string> once_key;
  std::string recipient;
  std::string subject;
  std::string sealed_body;  // "" once sent or failed
  std::string state;        // PENDING, SENT, FAILED
  int attempts = 0;
  UnixSeconds next_attempt_at = 0;
  std::optional<UnixSeconds> sent_at;
  std::string last_error;
  UnixSeconds created_at = 0;

  friend bool operator==(const Mail&, const Mail&) = default;
};

// A link sent by e-mail that lets whoever reads it act once on an account: accept an invitation
// (create the account) or choose a new password. Only the keyed hash of its secret is kept.
struct AccountLink {
  std::int64_t seq = 0;
  std::string id;       // "inv_..." or "rst_..."
  std::string purpose;  // "invitation" or "password_reset"
  std::string token_hash;
  std::string email;
  std::string display_name;                // invitations: the name proposed
  Role role = Role::kViewer;               // invitations: the role the account gets
  std::optional<std::string> customer_id;  // invitations: the customer it acts for
  std::optional<std::string> user_id;      // password resets: whose password
  std::string created_by;                  // the actor who invited, or the address that asked
  UnixSeconds created_at = 0;
  UnixSeconds expires_at = 0;
  std::optional<UnixSeconds> used_at;

  friend bool operator==(const AccountLink&, const AccountLink&) = default;
};

// Device day-cards (seed 002). A device reports data only while it has usage time; a card
// bound to it pays one day per period of kCardPeriod.
struct DeviceModel {
  std::int64_t seq = 0;
  std::string id;
  std::string name;
  UnixSeconds created_at = 0;

  friend bool operator==(const DeviceModel&, const DeviceModel&) = default;
};

// A license type (the seed's license code): which device models its cards fit, at most how many
// days a card holds.
struct CardType {
  std::int64_t seq = 0;
  std::string id;
  std::string code;
  std::string name;
  std::vector<std::string> models;
  std::int64_t max_days = 0;
  UnixSeconds created_at = 0;

  friend bool operator==(const CardType&, const CardType&) = default;
};

struct Device {
  std::int64_t seq = 0;
  std::string id;
  std::string number;
  std::string model;
  std::string customer_id;
  std::string credential_hash;  // keyed hash of the device's reporting credential
  bool blacklisted = false;
  std::optional<UnixSeconds> blacklisted_at;
  std::optional<UnixSeconds> usage_until;  // paid usage time runs until then
  UnixSeconds created_at = 0;

  friend bool operator==(const Device&, const Device&) = default;
};

struct Card {
  std::int64_t seq = 0;
  std::string id;
  std::string number;
  std::string type_code;
  std::int64_t total_days = 0;
  std::int64_t available_days = 0;
  std::optional<UnixSeconds> activated_at;  // set by the first deduction
  std::optional<std::string> device_number;
  std::optional<UnixSeconds> bound_at;
  std::string customer_id;  // the owner
  bool locked = false;
  UnixSeconds created_at = 0;

  friend bool operator==(const Card&, const Card&) = default;
};

// Something done to a card, with who and when: ISSUE, SALE, RETURN, TRANSFER (a superior bound
// it to its sub-customer's device), BIND, UNBIND, LOCK, UNLOCK, PURCHASE (days added).
struct CardRecord {
  std::int64_t seq = 0;
  std::string id;
  std::string card_number;
  std::string type_code;
  std::string kind;
  std::optional<std::string> from_customer;
  std::optional<std::string> to_customer;
  std::optional<std::string> device_number;
  std::optional<std::int64_t> days;
  std::string actor;
  UnixSeconds at = 0;

  friend bool operator==(const CardRecord&, const CardRecord&) = default;
};

// One day taken from a card for one period of a device's usage.
struct Deduction {
  std::int64_t seq = 0;
  std::string card_number;
  std::string device_number;
  std::string customer_id;  // the card's owner at the time
  UnixSeconds period_start = 0;
  UnixSeconds at = 0;
  std::int64_t days = 1;
  std::int64_t balance_after = 0;

  friend bool operator==(const Deduction&, const Deduction&) = default;
};

struct ApiToken {
  std::string id;
  std::string name;
  Role role = Role::kViewer;
  std::string hash;  // keyed hash of the secret; the secret itself is never stored
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> revoked_at;
  std::optional<std::string> customer_id;  // customer roles: the customer it acts for

  friend bool operator==(const ApiToken&, const ApiToken&) = default;
};

// A person who signs in to the console. Authorized exactly as a token of the same role and
// customer. The password is held only as an Argon2id hash (crypto/password.hpp).
struct User {
  std::string id;            // "usr_..."
  std::string email;         // as given; unique without regard to case
  std::string display_name;  // the "nickname" shown in the console's top-right corner
  Role role = Role::kViewer;
  std::optional<std::string> customer_id;  // customer roles: the customer the user acts for
  bool disabled = false;
  std::string password_hash;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
  std::optional<UnixSeconds> last_login_at;

  friend bool operator==(const User&, const User&) = default;
};

// What makes two emails the same account: ASCII letters compared without case.
inline std::string EmailKey(std::string_view email) {
  std::string key(email);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

// A signed-in browser. Only the keyed hash of the cookie's secret is stored, as for tokens.
struct Session {
  std::string hash;
  std::string user_id;
  UnixSeconds created_at = 0;
  UnixSeconds last_seen_at = 0;

  friend bool operator==(const Session&, const Session&) = default;
};

// Sign-in attempts counted for one key (an account or a client address) in a window that opens
// at the first attempt.
struct SignInWindow {
  UnixSeconds start = 0;
  std::int64_t attempts = 0;

  friend bool operator==(const SignInWindow&, const SignInWindow&) = default;
};

// A day's count of one kind of client request with one result, for the dashboard.
struct DailyCount {
  std::int64_t day = 0;  // days since 1970-01-01, UTC
  std::string kind;      // "activation" or "validation"
  std::string result;    // "CREATED", or the validation or refusal code
  std::int64_t count = 0;

  friend bool operator==(const DailyCount&, const DailyCount&) = default;
};

// One entry of the append-only audit log. `before`/`after` are JSON documents (or empty).
// Who made a change: a token id ("system" for background jobs, "client" for the client API),
// and the address of the client it came from (empty for jobs), as the server resolved it
// behind trusted proxies.
struct Actor {
  Actor(std::string id, std::string address = "")
      : id(std::move(id)), address(std::move(address)) {}
  Actor(const char* id) : id(id) {}  // NOLINT: "system" and "client" read as actors
  std::string id;
  std::string address;
};

struct Event {
  std::int64_t seq = 0;
  std::string id;
  UnixSeconds at = 0;
  std::string actor;   // token id, or "system" for background jobs, or "client" for the client API
  std::string action;  // e.g. "license.updated"
  std::string resource_type;
  std::string resource_id;
  std::string before;
  std::string after;
  std::string address;  // the actor's client address; empty for background jobs

  friend bool operator==(const Event&, const Event&) = default;
};

}  // namespace licensor::core
