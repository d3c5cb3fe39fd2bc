#include "core/registry_state.hpp"

namespace licensor::core::registry {

Status RegistryState::Refusal(const Event& event, UnixSeconds at) const {
  return std::visit([&](const auto& e) { return RefusalOf(e, at); }, event);
}

void RegistryState::Apply(const Event& event, UnixSeconds at) {
  std::visit([&](const auto& e) { ApplyOf(e, at); }, event);
}

Status RegistryState::Accept(const Event& event, UnixSeconds at) {
  LICENSOR_RETURN_IF_ERROR(Refusal(event, at));
  Apply(event, at);
  return Status::Ok();
}

void RegistryState::ApplyOf(const PackageUploaded& e, UnixSeconds at) {
  // Uploading the same certificate twice changes nothing; a package may mix new and known ones.
  for (const auto& c : e.package.certificates) {
    if (certificate_index_.count(c.id)) continue;
    CertificateState state;
    state.certificate = c;
    state.package_id = e.package.package_id;
    state.uploaded_at = at;
    if (c.type == "PLATFORM" || c.type == "PLATFORM_UNLIMITED_AGENTS") {
      // The platform is unique: its certificates activate on upload and extend its time.
      platform_ = Extend(platform_, c.validity_days, at);
      if (c.type == "PLATFORM_UNLIMITED_AGENTS")
        unlimited_ = Extend(unlimited_, c.validity_days, at);
      state.activated_at = at;
      state.resulting = platform_;
    }
    certificate_index_[c.id] = certificates_.size();
    certificates_.push_back(std::move(state));
  }
}

Status RegistryState::RefusalOf(const LicenseUploaded& e, UnixSeconds) const {
  if (license_ && e.license.version < license_->version) {
    return Status::Conflict("version " + std::to_string(e.license.version) +
                            " is older than the installed version " +
                            std::to_string(license_->version));
  }
  return Status::Ok();
}

void RegistryState::ApplyOf(const LicenseUploaded& e, UnixSeconds) { license_ = e.license; }

Status RegistryState::RefusalOf(const AgentCreated& e, UnixSeconds) const {
  if (agents_.count(e.id)) return Status::Conflict("an agent with id " + e.id + " exists");
  if (license_ && static_cast<std::int64_t>(live_agents_.size()) >= license_->max_agents) {
    return Status(ErrorCode::kLicenseLimitReached,
                  "the deployment license allows " + std::to_string(license_->max_agents) +
                      " agents; delete one or upload a license with more");
  }
  return Status::Ok();
}

void RegistryState::ApplyOf(const AgentCreated& e, UnixSeconds at) {
  const std::int64_t ordinal = ++last_ordinal_;
  const auto [it, inserted] = agents_.emplace(
      e.id,
      AgentState{e.id, e.name, at, std::nullopt, Coverage{}, unlimited_.CoversAt(at), ordinal});
  if (inserted) live_agents_[ordinal] = &it->second;
}

Status RegistryState::RefusalOf(const AgentDeleted& e, UnixSeconds) const {
  const AgentState* agent = FindAgent(e.id);
  if (!agent || agent->deleted_at) return Status::NotFound("no agent " + e.id);
  return Status::Ok();
}

void RegistryState::ApplyOf(const AgentDeleted& e, UnixSeconds at) {
  const auto it = agents_.find(e.id);
  if (it == agents_.end() || it->second.deleted_at) return;
  it->second.deleted_at = at;
  live_agents_.erase(it->second.ordinal);
}

Status RegistryState::RefusalOf(const CertificateBound& e, UnixSeconds) const {
  const CertificateState* c = FindCertificate(e.certificate_id);
  if (!c) return Status::NotFound("no certificate " + e.certificate_id);
  if (c->certificate.type != "AGENT") {
    return Status::InvalidField("only AGENT certificates are bound to agents");
  }
  if (c->bound_agent) {
    return Status(ErrorCode::kAlreadyBound, "certificate " + e.certificate_id +
                                                " is bound to agent " + *c->bound_agent +
                                                "; a binding cannot change");
  }
  const AgentState* agent = FindAgent(e.agent_id);
  if (!agent || agent->deleted_at) return Status::NotFound("no agent " + e.agent_id);
  return Status::Ok();
}

void RegistryState::ApplyOf(const CertificateBound& e, UnixSeconds at) {
  CertificateState& c = certificates_[certificate_index_.at(e.certificate_id)];
  AgentState& agent = agents_.at(e.agent_id);
  agent.coverage = Extend(agent.coverage, c.certificate.validity_days, at);
  c.bound_agent = e.agent_id;
  c.activated_at = at;
  c.resulting = agent.coverage;
}

Status RegistryState::RefusalOf(const UserCreated& e, UnixSeconds) const {
  if (users_.count(e.id)) return Status::Conflict("a user with id " + e.id + " exists");
  if (license_ && static_cast<std::int64_t>(users_.size()) >= license_->max_users) {
    return Status(ErrorCode::kLicenseLimitReached,
                  "the deployment license allows " + std::to_string(license_->max_users) +
                      " users; delete one or upload a license with more");
  }
  return Status::Ok();
}

void RegistryState::ApplyOf(const UserCreated& e, UnixSeconds at) {
  const std::int64_t ordinal = ++last_ordinal_;
  const auto [it, inserted] = users_.emplace(e.id, UserState{e.id, e.name, at, ordinal});
  if (inserted) users_in_order_[ordinal] = &it->second;
}

Status RegistryState::RefusalOf(const UserDeleted& e, UnixSeconds) const {
  if (!users_.count(e.id)) return Status::NotFound("no user " + e.id);
  return Status::Ok();
}

void RegistryState::ApplyOf(const UserDeleted& e, UnixSeconds) {
  const auto it = users_.find(e.id);
  if (it == users_.end()) return;
  users_in_order_.erase(it->second.ordinal);
  users_.erase(it);
}

const CertificateState* RegistryState::FindCertificate(const std::string& id) const {
  const auto it = certificate_index_.find(id);
  return it == certificate_index_.end() ? nullptr : &certificates_[it->second];
}

const AgentState* RegistryState::FindAgent(const std::string& id) const {
  const auto it = agents_.find(id);
  return it == agents_.end() ? nullptr : &it->second;
}

const UserState* RegistryState::FindUser(const std::string& id) const {
  const auto it = users_.find(id);
  return it == users_.end() ? nullptr : &it->second;
}

Coverage RegistryState::AgentCoverage(const AgentState& agent) const {
  if (agent.deleted_at) return Coverage{};
  if (agent.coverage.permanent || (agent.unlimited && unlimited_.permanent)) {
    return Coverage{true, std::nullopt};
  }
  std::optional<UnixSeconds> until = agent.coverage.until;
  if (agent.unlimited && unlimited_.until && (!until || *unlimited_.until > *until)) {
    until = unlimited_.until;
  }
  return Coverage{false, until};
}

CertificateStatus RegistryState::StatusOf(const CertificateState& c, UnixSeconds now) const {
  bool agent_deleted = false;
  if (c.bound_agent) {
    const AgentState* agent = FindAgent(*c.bound_agent);
    agent_deleted = !agent || agent->deleted_at.has_value();
  }
  return registry::StatusOf(c.activated_at.has_value(), c.resulting, agent_deleted, now);
}

}  // namespace licensor::core::registry
