// The installation's license registry (seeds 000 and 001) as a pure fold over what happened to
// it: uploaded certificate packages and deployment licenses, agents created and deleted, agent
// certificates bound. The registry stores only that log; this state is rebuilt from it, so
// statuses and expiries can never drift from the history that explains them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
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
  std::int64_t ordinal = 0;  // its place in creation order, the cursor of a page of users
};

struct AgentState {
  std::string id;
  std::string name;
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> deleted_at;
  Coverage coverage;       // from bound agent certificates
  bool unlimited = false;  // licensed by a platform (unlimited agents) certificate
  std::int64_t ordinal = 0;
};

// What can happen to the registry; each is one entry of its log.
struct PackageUploaded {
  crypto::CertificatePackage package;
};
struct LicenseUploaded {
  crypto::DeploymentLicense license;
};
struct AgentCreated {
  std::string id;
  std::string name;
};
struct AgentDeleted {
  std::string id;
};
struct CertificateBound {
  std::string certificate_id;
  std::string agent_id;
};
struct UserCreated {
  std::string id;
  std::string name;
};
struct UserDeleted {
  std::string id;
};
using Event = std::variant<PackageUploaded, LicenseUploaded, AgentCreated, AgentDeleted,
                           CertificateBound, UserCreated, UserDeleted>;

// Every operation costs O(log size) at most: the registry of an installation with 100,000
// users changes as fast as an empty one. Lists are kept in creation order, keyed by ordinal, so
// they page without a scan. Not copyable: the ordered indexes point into the tables.
class RegistryState {
 public:
  RegistryState() = default;
  RegistryState(const RegistryState&) = delete;
  RegistryState& operator=(const RegistryState&) = delete;

  // Why `event` cannot happen at `at`, or Ok; changes nothing. Errors: kInvalidField,
  // kNotFound, kConflict, kAlreadyBound, kLicenseLimitReached.
  Status Refusal(const Event& event, UnixSeconds at) const;
  // Makes happen an event that Refusal allowed.
  void Apply(const Event& event, UnixSeconds at);
  // Refusal, then Apply when there is none.
  Status Accept(const Event& event, UnixSeconds at);

  const Coverage& platform() const { return platform_; }
  // The unlimited-agents coverage: agents are licensed while it covers.
  const Coverage& unlimited() const { return unlimited_; }
  // In upload order; a certificate's index plus one is the cursor of a page of them.
  const std::vector<CertificateState>& certificates() const { return certificates_; }
  const CertificateState* FindCertificate(const std::string& id) const;
  const AgentState* FindAgent(const std::string& id) const;  // deleted agents too
  const UserState* FindUser(const std::string& id) const;    // deleted users are gone
  // Agents not deleted, and users, by ordinal.
  const std::map<std::int64_t, const AgentState*>& live_agents() const { return live_agents_; }
  const std::map<std::int64_t, const UserState*>& users() const { return users_in_order_; }
  const std::optional<crypto::DeploymentLicense>& deployment_license() const { return license_; }

  // An agent's coverage: its own certificates, or the unlimited-agents certificate.
  Coverage AgentCoverage(const AgentState& agent) const;
  CertificateStatus StatusOf(const CertificateState& certificate, UnixSeconds now) const;

 private:
  Status RefusalOf(const PackageUploaded&, UnixSeconds) const { return Status::Ok(); }
  Status RefusalOf(const LicenseUploaded& e, UnixSeconds at) const;
  Status RefusalOf(const AgentCreated& e, UnixSeconds at) const;
  Status RefusalOf(const AgentDeleted& e, UnixSeconds at) const;
  Status RefusalOf(const CertificateBound& e, UnixSeconds at) const;
  Status RefusalOf(const UserCreated& e, UnixSeconds at) const;
  Status RefusalOf(const UserDeleted& e, UnixSeconds at) const;
  void ApplyOf(const PackageUploaded& e, UnixSeconds at);
  void ApplyOf(const LicenseUploaded& e, UnixSeconds at);
  void ApplyOf(const AgentCreated& e, UnixSeconds at);
  void ApplyOf(const AgentDeleted& e, UnixSeconds at);
  void ApplyOf(const CertificateBound& e, UnixSeconds at);
  void ApplyOf(const UserCreated& e, UnixSeconds at);
  void ApplyOf(const UserDeleted& e, UnixSeconds at);

  Coverage platform_;
  Coverage unlimited_;
  std::vector<CertificateState> certificates_;  // in upload order
  std::unordered_map<std::string, std::size_t> certificate_index_;
  std::unordered_map<std::string, AgentState> agents_;
  std::map<std::int64_t, const AgentState*> live_agents_;
  std::unordered_map<std::string, UserState> users_;
  std::map<std::int64_t, const UserState*> users_in_order_;
  std::int64_t last_ordinal_ = 0;
  std::optional<crypto::DeploymentLicense> license_;
};

}  // namespace licensor::core::registry
