// The vendor's side of the platform-and-agents model (seeds 000 and 001): installations at
// customers, and the signed certificate packages (.lcs) and deployment licenses (.lic) issued
// for them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/key_ring.hpp"
#include "core/store.hpp"
#include "crypto/certificate_files.hpp"

namespace licensor::core {

struct NewInstallation {
  std::string customer_id;
  std::string tenant_id;
  std::string environment;
  std::string name;
};

// One certificate to put in a package; its id is chosen by the service.
struct CertificateSpec {
  std::string type;
  std::string mode;
  std::optional<std::int64_t> validity_days;  // nullopt: PERMANENT
};

struct DeploymentTerms {
  std::vector<crypto::Module> modules;
  UnixSeconds effective_at = 0;
  std::optional<UnixSeconds> expires_at;
  std::int64_t max_users = 0;
  std::int64_t max_agents = 0;
};

class InstallationService {
 public:
  InstallationService(Store& store, const Clock& clock, KeyRing& keys)
      : store_(store), clock_(clock), keys_(keys) {}

  // Errors: kInvalidField, kNotFound (customer).
  Result<Installation> Create(const Actor& actor, const NewInstallation& request);
  Result<Installation> Get(const std::string& id);
  Result<Page<Installation>> List(const std::optional<std::string>& customer_id,
                                  const PageRequest& page);
  Result<Page<InstallationFile>> ListFiles(const std::string& installation_id,
                                           const PageRequest& page);

  // Signs and records a package of new certificates. Errors: kNotFound, kInvalidField.
  Result<InstallationFile> IssuePackage(const Actor& actor, const std::string& installation_id,
                                        const std::vector<CertificateSpec>& certificates);
  // Signs and records the installation's next deployment license (version n+1).
  Result<InstallationFile> IssueDeploymentLicense(const Actor& actor,
                                                  const std::string& installation_id,
                                                  const DeploymentTerms& terms);

 private:
  Store& store_;
  const Clock& clock_;
  KeyRing& keys_;
};

}  // namespace licensor::core
