#include "core/registry_service.hpp"

#include "core/audit.hpp"
#include "crypto/encoding.hpp"
#include "crypto/payload_reader.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

using registry::RegistryState;

constexpr const char* kUpload = "upload";

// Applies one logged entry; entries were validated when appended, so a failure here means a
// later rule refuses what an earlier version accepted, and the entry is skipped.
void ApplyEntry(RegistryState& state, const RegistryEntry& e) {
  const Json body = Json::parse(e.body, nullptr, false);
  if (!body.is_object()) return;
  if (e.kind == kUpload && crypto::FlagOr(body, "accepted")) {
    const auto found = body.find("payload");
    if (found == body.end()) return;
    const Json& payload = *found;
    if (crypto::TextOr(body, "kind") == "certificate-package") {
      if (auto p = crypto::ReadCertificatePackage(payload); p.ok())
        (void)state.UploadPackage(*p, e.at);
    } else if (auto l = crypto::ReadDeploymentLicense(payload); l.ok()) {
      (void)state.UploadDeploymentLicense(*l, e.at);
    }
  } else if (e.kind == "agent.create") {
    (void)state.CreateAgent(crypto::TextOr(body, "id"), crypto::TextOr(body, "name"), e.at);
  } else if (e.kind == "agent.delete") {
    (void)state.DeleteAgent(crypto::TextOr(body, "id"), e.at);
  } else if (e.kind == "user.create") {
    (void)state.CreateUser(crypto::TextOr(body, "id"), crypto::TextOr(body, "name"), e.at);
  } else if (e.kind == "user.delete") {
    (void)state.DeleteUser(crypto::TextOr(body, "id"));
  } else if (e.kind == "certificate.bind") {
    (void)state.BindCertificate(crypto::TextOr(body, "certificate_id"),
                                crypto::TextOr(body, "agent_id"), e.at);
  }
}

Status RefusedFile(crypto::FileCode code, const std::string& detail) {
  switch (code) {
    case crypto::FileCode::kUnknownKey:
    case crypto::FileCode::kRetiredKey:
    case crypto::FileCode::kBadSignature:
      return Status(ErrorCode::kBadSignature, "the file is not signed by the vendor: " + detail);
    default:
      return Status(ErrorCode::kBadFormat,
                    "the file is not a certificate package or deployment license: " + detail);
  }
}

}  // namespace

void RegistryService::Configure(RegistryConfig config) { config_ = std::move(config); }

void RegistryService::Fold(RegistrySnapshot& snapshot, const std::vector<RegistryEntry>& entries) {
  for (const auto& e : entries) {
    ApplyEntry(snapshot.state, e);
    if (e.kind == kUpload) {
      const std::string sha = crypto::TextOr(Json::parse(e.body, nullptr, false), "sha256");
      if (!sha.empty()) snapshot.uploads.emplace(sha, e.seq);
    }
    snapshot.seq = e.seq;
  }
}

Result<std::shared_ptr<const RegistrySnapshot>> RegistryService::Snapshot() {
  std::shared_ptr<const RegistrySnapshot> current;
  {
    std::lock_guard lock(mutex_);
    current = snapshot_;
  }
  std::vector<RegistryEntry> entries;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(entries, tx.ListRegistryEntries(current->seq));
    return Status::Ok();
  }));
  if (entries.empty()) return current;
  auto next = std::make_shared<RegistrySnapshot>(*current);
  Fold(*next, entries);
  std::lock_guard lock(mutex_);
  if (snapshot_->seq < next->seq) snapshot_ = next;
  return std::shared_ptr<const RegistrySnapshot>(snapshot_);
}

Status RegistryService::Change(const Actor& actor, const std::string& kind, const std::string& body,
                               const std::function<Status(RegistryState&, UnixSeconds)>& apply,
                               std::int64_t* seq) {
  if (!config_) {
    return Status(ErrorCode::kRegistryNotConfigured,
                  "start licensord with --registry-installation-id and --registry-public-keys");
  }
  std::shared_ptr<RegistrySnapshot> next;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(tx.LockRegistry());
    {
      std::lock_guard lock(mutex_);
      next = std::make_shared<RegistrySnapshot>(*snapshot_);
    }
    LICENSOR_ASSIGN_OR_RETURN(const auto entries, tx.ListRegistryEntries(next->seq));
    Fold(*next, entries);
    const UnixSeconds now = clock_.Now();
    // The change is tried on a copy; the state itself only ever moves by folding the log.
    RegistryState trial = next->state;
    LICENSOR_RETURN_IF_ERROR(apply(trial, now));
    RegistryEntry entry{0, now, actor.id, kind, body};
    LICENSOR_RETURN_IF_ERROR(tx.AppendRegistryEntry(entry));
    Fold(*next, {entry});
    if (seq) *seq = entry.seq;
    Json logged = Json::parse(body);  // the event names the change; the log keeps the file
    logged.erase("file");
    logged.erase("payload");
    return RecordEvent(tx, now, actor, "registry." + kind, "registry", std::to_string(entry.seq),
                       nullptr, logged);
  }));
  std::lock_guard lock(mutex_);
  if (snapshot_->seq < next->seq) snapshot_ = next;
  return Status::Ok();
}

Result<UploadResult> RegistryService::Upload(const Actor& actor, const std::string& text) {
  if (!config_) {
    return Status(ErrorCode::kRegistryNotConfigured,
                  "start licensord with --registry-installation-id and --registry-public-keys");
  }
  UploadResult result;
  const crypto::OpenedInstallationFile opened =
      crypto::OpenInstallationFile(text, config_->vendor_keys);
  if (opened.code != crypto::FileCode::kValid) return RefusedFile(opened.code, opened.detail);
  result.kind = opened.kind;
  const Json& payload = opened.document;
  const crypto::InstallationRef& installation = opened.installation;
  const std::optional<UnixSeconds>& expires_at = opened.expires_at;
  if (installation.installation_id != config_->installation_id) {
    return Status(ErrorCode::kWrongInstallation, "the file was issued for installation " +
                                                     installation.installation_id + " (" +
                                                     installation.license_id + "), not this one");
  }
  if (expires_at && *expires_at <= clock_.Now()) {
    return Status(ErrorCode::kAlreadyExpired, "the deployment license has already expired");
  }
  const std::string sha = crypto::Sha256Hex(text);
  LICENSOR_ASSIGN_OR_RETURN(const auto snapshot, Snapshot());
  if (const auto seen = snapshot->uploads.find(sha); seen != snapshot->uploads.end()) {
    result.seq = seen->second;
    return result;  // the same file again: nothing changes
  }
  const Json body = {{"accepted", true},
                     {"kind", result.kind},
                     {"sha256", sha},
                     {"payload", payload},
                     {"file", text}};
  LICENSOR_RETURN_IF_ERROR(Change(
      actor, kUpload, body.dump(),
      [&](RegistryState& state, UnixSeconds now) -> Status {
        if (result.kind == "certificate-package") {
          return state.UploadPackage(*crypto::ReadCertificatePackage(payload), now);
        }
        return state.UploadDeploymentLicense(*crypto::ReadDeploymentLicense(payload), now);
      },
      &result.seq));
  result.changed = true;
  return result;
}

Result<std::vector<RegistryEntry>> RegistryService::Uploads() {
  std::vector<RegistryEntry> uploads;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(auto entries, tx.ListRegistryEntries(0));
    for (auto& e : entries) {
      if (e.kind == kUpload) uploads.push_back(std::move(e));
    }
    return Status::Ok();
  }));
  return uploads;
}

Result<registry::AgentState> RegistryService::CreateAgent(const Actor& actor,
                                                          const std::string& name) {
  if (name.empty() || name.size() > 200)
    return Status::InvalidField("name must be 1 to 200 characters");
  const std::string id = crypto::NewId("agt");
  LICENSOR_RETURN_IF_ERROR(
      Change(actor, "agent.create", Json{{"id", id}, {"name", name}}.dump(),
             [&](RegistryState& s, UnixSeconds now) { return s.CreateAgent(id, name, now); }));
  LICENSOR_ASSIGN_OR_RETURN(const auto snapshot, Snapshot());
  return snapshot->state.agents().at(id);  // agents are never removed from the state
}

Status RegistryService::DeleteAgent(const Actor& actor, const std::string& agent_id) {
  return Change(actor, "agent.delete", Json{{"id", agent_id}}.dump(),
                [&](RegistryState& s, UnixSeconds now) { return s.DeleteAgent(agent_id, now); });
}

Result<registry::UserState> RegistryService::CreateUser(const Actor& actor,
                                                        const std::string& name) {
  if (name.empty() || name.size() > 200)
    return Status::InvalidField("name must be 1 to 200 characters");
  const std::string id = crypto::NewId("usr");
  LICENSOR_RETURN_IF_ERROR(
      Change(actor, "user.create", Json{{"id", id}, {"name", name}}.dump(),
             [&](RegistryState& s, UnixSeconds now) { return s.CreateUser(id, name, now); }));
  LICENSOR_ASSIGN_OR_RETURN(const auto snapshot, Snapshot());
  const auto user = snapshot->state.users().find(id);
  if (user == snapshot->state.users().end()) return Status::NotFound("no user " + id);
  return user->second;  // (deleted at once through another node otherwise)
}

Status RegistryService::DeleteUser(const Actor& actor, const std::string& user_id) {
  return Change(actor, "user.delete", Json{{"id", user_id}}.dump(),
                [&](RegistryState& s, UnixSeconds) { return s.DeleteUser(user_id); });
}

Status RegistryService::BindCertificate(const Actor& actor, const std::string& certificate_id,
                                        const std::string& agent_id) {
  return Change(actor, "certificate.bind",
                Json{{"certificate_id", certificate_id}, {"agent_id", agent_id}}.dump(),
                [&](RegistryState& s, UnixSeconds now) {
                  return s.BindCertificate(certificate_id, agent_id, now);
                });
}

std::shared_ptr<const RegistrySnapshot> RegistryService::Current() {
  {
    std::lock_guard lock(mutex_);
    if (std::chrono::steady_clock::now() - last_refresh_ < kOtherNodesRefresh) return snapshot_;
    last_refresh_ = std::chrono::steady_clock::now();
  }
  auto refreshed = Snapshot();
  std::lock_guard lock(mutex_);
  return refreshed.ok() ? *refreshed : snapshot_;
}

Result<CheckResult> RegistryService::Check(const std::string& action, const std::string& agent_id,
                                           const std::string& module) {
  const auto snapshot = Current();
  const auto& state = snapshot->state;
  const UnixSeconds now = clock_.Now();
  CheckResult r;
  const auto platform_expiry = state.platform().permanent ? std::nullopt : state.platform().until;
  if (action == "license.manage") {
    r = {true, "VALID", "reading and uploading licenses is always allowed", platform_expiry};
  } else if (action == "agent.message") {
    const auto agent = state.agents().find(agent_id);
    if (agent == state.agents().end() || agent->second.deleted_at) {
      return Status::NotFound("no agent " + agent_id);
    }
    const registry::Coverage coverage = state.AgentCoverage(agent->second);
    // Messaging depends on the agent's own license, even when the platform's has expired.
    r.allowed = coverage.CoversAt(now);
    r.code = r.allowed ? "VALID" : "AGENT_LICENSE_EXPIRED";
    r.detail = r.allowed ? "the agent's license is valid"
                         : "the agent's license has expired; bind a new agent certificate";
    r.expires_at = coverage.permanent ? std::nullopt : coverage.until;
  } else if (action == "platform.operate" || action == "module.use") {
    r.expires_at = platform_expiry;
    if (!state.platform().CoversAt(now)) {
      r = {false, "PLATFORM_LICENSE_EXPIRED",
           "the platform's license has expired: upload a renewed certificate package to continue",
           platform_expiry};
    } else if (action == "module.use") {
      const auto& license = state.deployment_license();
      bool granted = false;
      if (license && now >= license->effective_at &&
          (!license->expires_at || now < *license->expires_at)) {
        for (const auto& m : license->modules) granted = granted || m.code == module;
      }
      r.allowed = granted;
      r.code = granted ? "VALID" : "MODULE_NOT_LICENSED";
      r.detail = granted ? "the deployment license grants module " + module
                         : "no valid deployment license grants module " + module;
    } else {
      r = {true, "VALID", "the platform's license is valid", platform_expiry};
    }
  } else {
    return Status::InvalidField(
        "action must be platform.operate, agent.message, module.use or license.manage");
  }
  return r;
}

}  // namespace licensor::core
