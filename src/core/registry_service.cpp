#include "core/registry_service.hpp"

#include "common/text.hpp"
#include "core/audit.hpp"
#include "crypto/encoding.hpp"
#include "crypto/payload_reader.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

constexpr const char* kUpload = "upload";

// The event a logged entry records; nullopt for an upload that was not accepted or an entry
// this version cannot read.
std::optional<registry::Event> EventOf(const RegistryEntry& e, const Json& body) {
  if (!body.is_object()) return std::nullopt;
  if (e.kind == kUpload) {
    const auto payload = body.find("payload");
    if (!crypto::FlagOr(body, "accepted") || payload == body.end()) return std::nullopt;
    if (crypto::TextOr(body, "kind") == "certificate-package") {
      if (auto p = crypto::ReadCertificatePackage(*payload); p.ok())
        return registry::PackageUploaded{*std::move(p)};
    } else if (auto l = crypto::ReadDeploymentLicense(*payload); l.ok()) {
      return registry::LicenseUploaded{*std::move(l)};
    }
    return std::nullopt;
  }
  const std::string id = crypto::TextOr(body, "id");
  if (e.kind == "agent.create") return registry::AgentCreated{id, crypto::TextOr(body, "name")};
  if (e.kind == "agent.delete") return registry::AgentDeleted{id};
  if (e.kind == "user.create") return registry::UserCreated{id, crypto::TextOr(body, "name")};
  if (e.kind == "user.delete") return registry::UserDeleted{id};
  if (e.kind == "certificate.bind") {
    return registry::CertificateBound{crypto::TextOr(body, "certificate_id"),
                                      crypto::TextOr(body, "agent_id")};
  }
  return std::nullopt;
}

Status NotConfigured() {
  return Status(ErrorCode::kRegistryNotConfigured,
                "start licensord with --registry-installation-id and --registry-public-keys");
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

void RegistryService::FoldLocked(const RegistryEntry& e, const registry::Event* event) {
  if (e.seq <= seq_) return;  // folded already, by a reader that caught up first
  seq_ = e.seq;
  const Json body = Json::parse(e.body, nullptr, false);
  std::optional<registry::Event> logged;
  if (!event) {
    logged = EventOf(e, body);
    if (!logged) return;
    event = &*logged;
  }
  // Entries were admitted when appended, so a refusal here means a later rule refuses what an
  // earlier version accepted: the entry is skipped.
  if (!state_.Accept(*event, e.at).ok()) return;
  if (e.kind == kUpload) uploads_.emplace(crypto::TextOr(body, "sha256"), e.seq);
}

Status RegistryService::CatchUpIn(StoreTx& tx) {
  for (;;) {
    std::int64_t after = 0;
    {
      std::shared_lock lock(mutex_);
      after = seq_;
    }
    LICENSOR_ASSIGN_OR_RETURN(const auto entries, tx.ListRegistryEntries(after, kCatchUpBatch));
    if (entries.empty()) return Status::Ok();
    std::unique_lock lock(mutex_);
    for (const auto& e : entries) FoldLocked(e, nullptr);
    if (entries.size() < kCatchUpBatch) return Status::Ok();
  }
}

Status RegistryService::CatchUp() {
  return store_.Read([&](StoreTx& tx) { return CatchUpIn(tx); });
}

void RegistryService::CatchUpAtMostOnceASecond() {
  const std::int64_t now = clock_.Monotonic().count();
  std::int64_t last = last_refresh_.load(std::memory_order_relaxed);
  const std::int64_t period = std::chrono::nanoseconds(kOtherNodesRefresh).count();
  if (now - last < period) return;
  // One caller catches up; the others answer from the state as it is.
  if (!last_refresh_.compare_exchange_strong(last, now)) return;
  (void)CatchUp();  // on a store error the state in memory still answers
}

Status RegistryService::Change(const Actor& actor, const std::string& kind, const Json& body,
                               const registry::Event& event, std::int64_t* seq) {
  if (!config_) return NotConfigured();
  // Until this change has committed, no other change of this process may read the log: a store
  // that commits several write transactions together would show it this change's entry before
  // the commit, and it would fold into the state an entry the log might not keep.
  std::lock_guard one_at_a_time(change_mutex_);
  RegistryEntry entry;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(tx.LockRegistry());
    // Under the registry lock nobody else appends, so once caught up the state is the log's.
    LICENSOR_RETURN_IF_ERROR(CatchUpIn(tx));
    const UnixSeconds now = clock_.Now();
    {
      std::shared_lock lock(mutex_);
      LICENSOR_RETURN_IF_ERROR(state_.Refusal(event, now));
    }
    entry = RegistryEntry{0, now, actor.id, kind, body.dump()};
    LICENSOR_RETURN_IF_ERROR(tx.AppendRegistryEntry(entry));
    Json logged = body;  // the event names the change; the log keeps the file
    logged.erase("file");
    logged.erase("payload");
    return RecordEvent(tx, now, actor, "registry." + kind, "registry", std::to_string(entry.seq),
                       nullptr, logged);
  }));
  if (seq) *seq = entry.seq;
  std::unique_lock lock(mutex_);
  FoldLocked(entry, &event);
  return Status::Ok();
}

Result<UploadResult> RegistryService::Upload(const Actor& actor, const std::string& text) {
  if (!config_) return NotConfigured();
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
  LICENSOR_ASSIGN_OR_RETURN(const auto seen, Read([&](const registry::RegistryState&) {
                              const auto it = uploads_.find(sha);
                              return it == uploads_.end() ? std::int64_t{0} : it->second;
                            }));
  if (seen) {
    result.seq = seen;
    return result;  // the same file again: nothing changes
  }
  registry::Event event;
  if (result.kind == "certificate-package") {
    event = registry::PackageUploaded{*crypto::ReadCertificatePackage(payload)};
  } else {
    event = registry::LicenseUploaded{*crypto::ReadDeploymentLicense(payload)};
  }
  const Json body = {{"accepted", true},
                     {"kind", result.kind},
                     {"sha256", sha},
                     {"payload", payload},
                     {"file", text}};
  LICENSOR_RETURN_IF_ERROR(Change(actor, kUpload, body, event, &result.seq));
  result.changed = true;
  return result;
}

Result<Page<RegistryEntry>> RegistryService::Uploads(const PageRequest& page) {
  return ReadValue<Page<RegistryEntry>>(store_,
                                        [&](StoreTx& tx) { return tx.ListRegistryUploads(page); });
}

Result<RegistryEntry> RegistryService::FindUpload(std::int64_t upload) {
  LICENSOR_ASSIGN_OR_RETURN(const auto page, Uploads(PageRequest{upload - 1, 1}));
  if (page.items.empty() || page.items.front().seq != upload) {
    return Status::NotFound("no upload " + std::to_string(upload));
  }
  return page.items.front();
}

Result<registry::AgentState> RegistryService::CreateAgent(const Actor& actor,
                                                          const std::string& name) {
  LICENSOR_RETURN_IF_ERROR(CheckTextLength(name, "name", 1, kMaxNameLength));
  const registry::AgentCreated created{crypto::NewId("agt"), name};
  LICENSOR_RETURN_IF_ERROR(
      Change(actor, "agent.create", {{"id", created.id}, {"name", name}}, created));
  std::shared_lock lock(mutex_);
  return *state_.FindAgent(created.id);  // agents are never removed from the state
}

Status RegistryService::DeleteAgent(const Actor& actor, const std::string& agent_id) {
  return Change(actor, "agent.delete", {{"id", agent_id}}, registry::AgentDeleted{agent_id});
}

Result<registry::UserState> RegistryService::CreateUser(const Actor& actor,
                                                        const std::string& name) {
  LICENSOR_RETURN_IF_ERROR(CheckTextLength(name, "name", 1, kMaxNameLength));
  const registry::UserCreated created{crypto::NewId("usr"), name};
  LICENSOR_RETURN_IF_ERROR(
      Change(actor, "user.create", {{"id", created.id}, {"name", name}}, created));
  std::shared_lock lock(mutex_);
  const registry::UserState* user = state_.FindUser(created.id);
  if (!user) return Status::NotFound("no user " + created.id);  // deleted at once elsewhere
  return *user;
}

Status RegistryService::DeleteUser(const Actor& actor, const std::string& user_id) {
  return Change(actor, "user.delete", {{"id", user_id}}, registry::UserDeleted{user_id});
}

Status RegistryService::BindCertificate(const Actor& actor, const std::string& certificate_id,
                                        const std::string& agent_id) {
  return Change(actor, "certificate.bind",
                {{"certificate_id", certificate_id}, {"agent_id", agent_id}},
                registry::CertificateBound{certificate_id, agent_id});
}

Result<CheckResult> RegistryService::Check(const std::string& action, const std::string& agent_id,
                                           const std::string& module) {
  CatchUpAtMostOnceASecond();
  std::shared_lock lock(mutex_);
  const registry::RegistryState& state = state_;
  const UnixSeconds now = clock_.Now();
  CheckResult r;
  const auto platform_expiry = state.platform().permanent ? std::nullopt : state.platform().until;
  if (action == "license.manage") {
    r = {true, "VALID", "reading and uploading licenses is always allowed", platform_expiry};
  } else if (action == "agent.message") {
    const registry::AgentState* agent = state.FindAgent(agent_id);
    if (!agent || agent->deleted_at) return Status::NotFound("no agent " + agent_id);
    const registry::Coverage coverage = state.AgentCoverage(*agent);
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
