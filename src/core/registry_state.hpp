// The installation's license registry (seeds 000 and 001) as a pure fold over what happened to
// it: uploaded certificate packages and deployment licenses, agents created and deleted, agent
// certificates bound. The registry stores only that log; this state is rebuilt from it, so
// statuses and expiries can never drift from the history that explains them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "core/registry_rules.hpp"
#include "crypto/certificate_files.hpp"

namespace licensor::core::registry {

struct CertificateState {
  crypto::Certificate certificate;
  std::string package_id;
  UnixSeconds uploaded_at = 0;
  std::optional<std::string> bound_agent;  // agent certificates, once bound
  std::optional<UnixSeconds> activated_at;
  Coverage resulting;  // the platform's or agent's coverage right after this one applied
};

// A user of the platform, counted against the deployment license's max users.
struct UserState {
  std::string id;
  std::string name;
  UnixSeconds created_at = 0;
};

struct AgentState {
  std::string id;
  std::string name;
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> deleted_at;
  Coverage coverage;       // from bound agent certificates
  bool unlimited = false;  // licensed by a platform (unlimited agents) certificate
};

class RegistryState {
 public:
  // Each call applies one event at time `at`, or refuses it with the reason and changes
  // nothing. Errors: kInvalidField, kNotFound, kConflict, kAlreadyBound, kLicenseLimitReached.
  Status UploadPackage(const crypto::CertificatePackage& package, UnixSeconds at);
  Status UploadDeploymentLicense(const crypto::DeploymentLicense& license, UnixSeconds at);
  Status CreateAgent(const std::string& id, const std::string& name, UnixSeconds at);
  Status DeleteAgent(const std::string& id, UnixSeconds at);
  Status BindCertificate(const std::string& certificate_id, const std::string& agent_id,
                         UnixSeconds at);
  Status CreateUser(const std::string& id, const std::string& name, UnixSeconds at);
  Status DeleteUser(const std::string& id);

  const Coverage& platform() const { return platform_; }
  // The unlimited-agents coverage: agents are licensed while it covers.
  const Coverage& unlimited() const { return unlimited_; }
  const std::vector<CertificateState>& certificates() const { return certificates_; }
  const std::map<std::string, AgentState>& agents() const { return agents_; }
  const std::map<std::string, UserState>& users() const { return users_; }  // deleted: gone
  const std::optional<crypto::DeploymentLicense>& deployment_license() const { return license_; }

  // An agent's coverage: its own certificates, or the unlimited-agents certificate.
  Coverage AgentCoverage(const AgentState& agent) const;
  CertificateStatus StatusOf(const CertificateState& certificate, UnixSeconds now) const;
  std::size_t LiveAgents() const;

 private:
  Coverage platform_;
  Coverage unlimited_;
  std::vector<CertificateState> certificates_;  // in upload order
  std::map<std::string, std::size_t> by_id_;
  std::map<std::string, AgentState> agents_;
  std::map<std::string, UserState> users_;
  std::optional<crypto::DeploymentLicense> license_;
};

}  // namespace licensor::core::registry
