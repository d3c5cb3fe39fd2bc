// The license registry inside a customer's installation (seeds 000 and 001): uploads of the
// vendor's signed files, agents and their certificates, and the answers the platform asks for
// before it acts. The store keeps a log of what happened (core::RegistryEntry); the state is
// folded from it (registry::RegistryState) and kept in memory, refreshed when the log grows.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "common/clock.hpp"
#include "core/registry_state.hpp"
#include "core/store.hpp"

namespace licensor::core {

struct RegistryConfig {
  std::string installation_id;  // files for any other installation are refused
  crypto::PublicKeys vendor_keys;
};

struct UploadResult {
  std::string kind;      // "certificate-package" or "deployment-license"
  bool changed = false;  // false: the same file was uploaded before
  std::int64_t seq = 0;
};

struct CheckResult {
  bool allowed = false;
  std::string code;  // VALID, PLATFORM_LICENSE_EXPIRED, AGENT_LICENSE_EXPIRED, ...
  std::string detail;
  std::optional<UnixSeconds> expires_at;
};

// A folded state and the last log entry in it; immutable once published.
struct RegistrySnapshot {
  registry::RegistryState state;
  std::map<std::string, std::int64_t> uploads;  // accepted files by SHA-256: the log entry
  std::int64_t seq = 0;
};

class RegistryService {
 public:
  RegistryService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  void Configure(RegistryConfig config);
  UnixSeconds Now() const { return clock_.Now(); }

  // Errors: kRegistryNotConfigured, kBadFormat, kBadSignature, kWrongInstallation,
  // kAlreadyExpired, kConflict (an older deployment license version).
  Result<UploadResult> Upload(const Actor& actor, const std::string& file_text);
  Result<std::shared_ptr<const RegistrySnapshot>> Snapshot();
  Result<std::vector<RegistryEntry>> Uploads();

  Result<registry::AgentState> CreateAgent(const Actor& actor, const std::string& name);
  Status DeleteAgent(const Actor& actor, const std::string& agent_id);
  // The platform's users, counted against the deployment license's max users.
  Result<registry::UserState> CreateUser(const Actor& actor, const std::string& name);
  Status DeleteUser(const Actor& actor, const std::string& user_id);
  Status BindCertificate(const Actor& actor, const std::string& certificate_id,
                         const std::string& agent_id);

  // actions: "platform.operate", "agent.message" (agent_id), "module.use" (module),
  // "license.manage" (always allowed, so an expired platform can be renewed).
  Result<CheckResult> Check(const std::string& action, const std::string& agent_id,
                            const std::string& module);

 private:
  // The state in memory: changes made through this node are in it at once; changes made through
  // other nodes (one database, several licensords) are read at most kOtherNodesRefresh later.
  std::shared_ptr<const RegistrySnapshot> Current();

  // Appends one entry after `apply` accepted it against the current state, in one transaction
  // under the registry lock, then publishes the new state.
  Status Change(const Actor& actor, const std::string& kind, const std::string& body,
                const std::function<Status(registry::RegistryState&, UnixSeconds)>& apply,
                std::int64_t* seq = nullptr);
  // Brings `snapshot` up to date with `entries`, which follow it.
  static void Fold(RegistrySnapshot& snapshot, const std::vector<RegistryEntry>& entries);

  Store& store_;
  const Clock& clock_;
  std::optional<RegistryConfig> config_;
  mutable std::mutex mutex_;
  std::shared_ptr<const RegistrySnapshot> snapshot_ = std::make_shared<RegistrySnapshot>();
  static constexpr auto kOtherNodesRefresh = std::chrono::seconds(1);
  std::chrono::steady_clock::time_point last_refresh_{};
};

}  // namespace licensor::core
