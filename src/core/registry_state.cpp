#include "core/registry_state.hpp"

namespace licensor::core::registry {

Status RegistryState::UploadPackage(const crypto::CertificatePackage& package, UnixSeconds at) {
  // Uploading the same certificate twice changes nothing; a package may mix new and known ones.
  for (const auto& c : package.certificates) {
    if (by_id_.count(c.id)) continue;
    CertificateState state;
    state.certificate = c;
    state.package_id = package.package_id;
    state.uploaded_at = at;
    if (c.type == "PLATFORM" || c.type == "PLATFORM_UNLIMITED_AGENTS") {
      // The platform is unique: its certificates activate on upload and extend its time.
      platform_ = Extend(platform_, c.validity_days, at);
      if (c.type == "PLATFORM_UNLIMITED_AGENTS")
        unlimited_ = Extend(unlimited_, c.validity_days, at);
      state.activated_at = at;
      state.resulting = platform_;
    }
    by_id_[c.id] = certificates_.size();
    certificates_.push_back(std::move(state));
  }
  return Status::Ok();
}

Status RegistryState::UploadDeploymentLicense(const crypto::DeploymentLicense& license,
                                              UnixSeconds) {
  if (license_ && license.version < license_->version) {
    return Status::Conflict("version " + std::to_string(license.version) +
                            " is older than the installed version " +
                            std::to_string(license_->version));
  }
  license_ = license;
  return Status::Ok();
}

Status RegistryState::CreateAgent(const std::string& id, const std::string& name, UnixSeconds at) {
  if (agents_.count(id)) return Status::Conflict("an agent with id " + id + " exists");
  if (license_ && static_cast<std::int64_t>(LiveAgents()) >= license_->max_agents) {
    return Status(ErrorCode::kLicenseLimitReached,
                  "the deployment license allows " + std::to_string(license_->max_agents) +
                      " agents; delete one or upload a license with more");
  }
  AgentState agent{id, name, at, std::nullopt, Coverage{}, unlimited_.CoversAt(at)};
  agents_[id] = std::move(agent);
  return Status::Ok();
}

Status RegistryState::DeleteAgent(const std::string& id, UnixSeconds at) {
  const auto it = agents_.find(id);
  if (it == agents_.end() || it->second.deleted_at) return Status::NotFound("no agent " + id);
  it->second.deleted_at = at;
  return Status::Ok();
}

Status RegistryState::BindCertificate(const std::string& certificate_id,
                                      const std::string& agent_id, UnixSeconds at) {
  const auto found = by_id_.find(certificate_id);
  if (found == by_id_.end()) return Status::NotFound("no certificate " + certificate_id);
  CertificateState& c = certificates_[found->second];
  if (c.certificate.type != "AGENT") {
    return Status::InvalidField("only AGENT certificates are bound to agents");
  }
  if (c.bound_agent) {
    return Status(ErrorCode::kAlreadyBound, "certificate " + certificate_id +
                                                " is bound to agent " + *c.bound_agent +
                                                "; a binding cannot change");
  }
  const auto agent = agents_.find(agent_id);
  if (agent == agents_.end() || agent->second.deleted_at) {
    return Status::NotFound("no agent " + agent_id);
  }
  agent->second.coverage = Extend(agent->second.coverage, c.certificate.validity_days, at);
  c.bound_agent = agent_id;
  c.activated_at = at;
  c.resulting = agent->second.coverage;
  return Status::Ok();
}

Status RegistryState::CreateUser(const std::string& id, const std::string& name, UnixSeconds at) {
  if (users_.count(id)) return Status::Conflict("a user with id " + id + " exists");
  if (license_ && static_cast<std::int64_t>(users_.size()) >= license_->max_users) {
    return Status(ErrorCode::kLicenseLimitReached,
                  "the deployment license allows " + std::to_string(license_->max_users) +
                      " users; delete one or upload a license with more");
  }
  users_[id] = UserState{id, name, at};
  return Status::Ok();
}

Status RegistryState::DeleteUser(const std::string& id) {
  if (users_.erase(id) == 0) return Status::NotFound("no user " + id);
  return Status::Ok();
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
    const auto agent = agents_.find(*c.bound_agent);
    agent_deleted = agent == agents_.end() || agent->second.deleted_at.has_value();
  }
  return registry::StatusOf(c.activated_at.has_value(), c.resulting, agent_deleted, now);
}

std::size_t RegistryState::LiveAgents() const {
  std::size_t live = 0;
  for (const auto& [id, agent] : agents_) live += agent.deleted_at ? 0 : 1;
  return live;
}

}  // namespace licensor::core::registry
