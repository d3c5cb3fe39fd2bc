// The license registry inside a customer's installation (seeds 000 and 001): uploads of the
// vendor's signed files, agents and their certificates, and the answers the platform asks for
// before it acts. The store keeps a log of what happened (core::RegistryEntry); the state is
// folded from it (registry::RegistryState) and kept in memory, moved forward one entry at a time.
#pragma once

#include <atomic>
#include <chrono>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "common/clock.hpp"
#include "core/registry_state.hpp"
#include "core/serialize.hpp"
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

class RegistryService {
 public:
  RegistryService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  void Configure(RegistryConfig config);
  // Whether this licensord serves an installation's registry (its License page and limits).
  bool configured() const { return config_.has_value(); }
  UnixSeconds Now() const { return clock_.Now(); }

  // Errors: kRegistryNotConfigured, kBadFormat, kBadSignature, kWrongInstallation,
  // kAlreadyExpired, kConflict (an older deployment license version).
  Result<UploadResult> Upload(const Actor& actor, const std::string& file_text);
  // Accepted uploads in the order they came, each with its file.
  Result<Page<RegistryEntry>> Uploads(const PageRequest& page);
  Result<RegistryEntry> FindUpload(std::int64_t upload);

  // Calls `read` with the state, brought up to date with the log, and returns what it returns.
  // `read` runs under a shared lock, so it must be brief and must not call the service.
  template <typename ReadFn>
  auto Read(ReadFn&& read) -> Result<std::invoke_result_t<ReadFn, const registry::RegistryState&>> {
    LICENSOR_RETURN_IF_ERROR(CatchUp());
    std::shared_lock lock(mutex_);
    return read(state_);
  }

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
  // Folds what other nodes (one database, several licensords) appended to the log since.
  Status CatchUp();
  Status CatchUpIn(StoreTx& tx);
  // Checks wait at most kOtherNodesRefresh for other nodes' changes; this node's are at once.
  void CatchUpAtMostOnceASecond();
  // Appends one entry for `event` if the state admits it, in one transaction under the
  // registry lock, and applies it to the state once committed: a change costs O(log state),
  // and no reader ever sees one that the log might not keep.
  Status Change(const Actor& actor, const std::string& kind, const Json& body,
                const registry::Event& event, std::int64_t* seq = nullptr);
  // Under the exclusive lock: applies the entries that follow the last one folded.
  void FoldLocked(const RegistryEntry& entry, const registry::Event* event);

  Store& store_;
  const Clock& clock_;
  std::optional<RegistryConfig> config_;
  std::mutex change_mutex_;          // one change at a time, from its read of the log to commit
  mutable std::shared_mutex mutex_;  // guards the three below
  registry::RegistryState state_;
  // Accepted files by SHA-256, to the log entry that holds each.
  std::unordered_map<std::string, std::int64_t> uploads_;
  std::int64_t seq_ = 0;  // the last log entry folded

  // When checks last caught up, in nanoseconds of clock_.Monotonic().
  // Long ago at first, so the first check catches up.
  std::atomic<std::int64_t> last_refresh_{std::numeric_limits<std::int64_t>::min() / 2};
  static constexpr auto kOtherNodesRefresh = std::chrono::seconds(1);
  static constexpr int kCatchUpBatch = 1000;  // log entries read at a time
};

}  // namespace licensor::core
