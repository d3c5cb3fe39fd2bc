// Installations and the files issued for them.
#include "core/installation_service.hpp"

#include "common/text.hpp"
#include "core/audit.hpp"
#include "core/serialize.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

constexpr const char* kPackage = "certificate-package";
constexpr const char* kDeploymentLicense = "deployment-license";

Status CheckText(const std::string& value, const char* field, std::size_t max) {
  LICENSOR_RETURN_IF_ERROR(CheckTextLength(value, field, 1, max));
  for (const unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) {
      return Status::InvalidField(std::string(field) + " must not contain control characters");
    }
  }
  return Status::Ok();
}

Result<crypto::InstallationRef> RefFor(StoreTx& tx, const std::string& installation_id) {
  LICENSOR_ASSIGN_OR_RETURN(auto installation, tx.GetInstallation(installation_id));
  if (!installation) return Status::NotFound("no installation has id " + installation_id);
  LICENSOR_ASSIGN_OR_RETURN(const Customer customer,
                            Require(tx.GetCustomer(installation->customer_id), "customer"));
  return crypto::InstallationRef{installation->id, installation->license_id,
                                 installation->tenant_id, installation->environment, customer.name};
}

}  // namespace

Result<Installation> InstallationService::Create(const Actor& actor, const NewInstallation& r) {
  LICENSOR_RETURN_IF_ERROR(CheckText(r.tenant_id, "tenant_id", 128));
  LICENSOR_RETURN_IF_ERROR(CheckText(r.name, "name", 200));
  if (r.environment != "DEV" && r.environment != "UAT" && r.environment != "PROD") {
    return Status::InvalidField("environment must be DEV, UAT or PROD");
  }
  Installation i;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(auto customer, tx.GetCustomer(r.customer_id));
    if (!customer) return Status::NotFound("no customer has id " + r.customer_id);
    i.id = crypto::NewId("inst");
    i.customer_id = r.customer_id;
    i.tenant_id = r.tenant_id;
    i.environment = r.environment;
    i.name = r.name;
    // The environment's license id (seed 001): readable, unique, unguessable.
    i.license_id = "ENV-" + r.environment + "-" + crypto::NewId("x").substr(2, 12);
    i.created_at = clock_.Now();
    LICENSOR_RETURN_IF_ERROR(tx.InsertInstallation(i));
    return RecordEvent(tx, i.created_at, actor, "installation.created", "installation", i.id,
                       nullptr, ToJson(i));
  }));
  return i;
}

Result<Installation> InstallationService::Get(const std::string& id) {
  Installation i;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(auto found, tx.GetInstallation(id));
    if (!found) return Status::NotFound("no installation has id " + id);
    i = std::move(*found);
    return Status::Ok();
  }));
  return i;
}

Result<Page<Installation>> InstallationService::List(const std::optional<std::string>& customer_id,
                                                     const PageRequest& page) {
  Page<Installation> result;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(result, tx.ListInstallations(customer_id, page));
    return Status::Ok();
  }));
  return result;
}

Result<Page<InstallationFile>> InstallationService::ListFiles(const std::string& installation_id,
                                                              const PageRequest& page) {
  Page<InstallationFile> result;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(auto found, tx.GetInstallation(installation_id));
    if (!found) return Status::NotFound("no installation has id " + installation_id);
    LICENSOR_ASSIGN_OR_RETURN(result, tx.ListInstallationFiles(installation_id, page));
    return Status::Ok();
  }));
  return result;
}

Result<InstallationFile> InstallationService::IssuePackage(
    const Actor& actor, const std::string& installation_id,
    const std::vector<CertificateSpec>& certificates) {
  InstallationFile file;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    crypto::CertificatePackage package;
    LICENSOR_ASSIGN_OR_RETURN(package.installation, RefFor(tx, installation_id));
    package.package_id = crypto::NewId("pkg");
    package.issued_at = clock_.Now();
    for (const auto& spec : certificates) {
      package.certificates.push_back(
          {crypto::NewId("crt"), spec.type, spec.mode, spec.validity_days});
    }
    LICENSOR_RETURN_IF_ERROR(crypto::CheckCertificatePackage(package));
    file = {package.package_id,
            installation_id,
            kPackage,
            1,
            package.issued_at,
            actor.id,
            crypto::IssueCertificatePackage(keys_.Current(), package)};
    LICENSOR_RETURN_IF_ERROR(tx.InsertInstallationFile(file));
    Json summary = Json::array();
    for (const auto& c : package.certificates) {
      summary.push_back(
          {{"id", c.id},
           {"type", c.type},
           {"mode", c.mode},
           {"validity_days", c.validity_days ? Json(*c.validity_days) : Json("PERMANENT")}});
    }
    return RecordEvent(tx, file.issued_at, actor, "certificate_package.issued", "installation",
                       installation_id, nullptr,
                       Json{{"package_id", file.id}, {"certificates", summary}});
  }));
  return file;
}

Result<InstallationFile> InstallationService::IssueDeploymentLicense(
    const Actor& actor, const std::string& installation_id, const DeploymentTerms& terms) {
  InstallationFile file;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    crypto::DeploymentLicense license;
    LICENSOR_ASSIGN_OR_RETURN(license.installation, RefFor(tx, installation_id));
    LICENSOR_ASSIGN_OR_RETURN(const auto issued,
                              tx.CountInstallationFiles(installation_id, kDeploymentLicense));
    license.id = crypto::NewId("dl");
    license.version = issued + 1;
    license.issued_at = clock_.Now();
    license.effective_at = terms.effective_at;
    license.expires_at = terms.expires_at;
    license.modules = terms.modules;
    license.max_users = terms.max_users;
    license.max_agents = terms.max_agents;
    LICENSOR_RETURN_IF_ERROR(crypto::CheckDeploymentLicense(license));
    file = {license.id,
            installation_id,
            kDeploymentLicense,
            license.version,
            license.issued_at,
            actor.id,
            crypto::IssueDeploymentLicense(keys_.Current(), license)};
    LICENSOR_RETURN_IF_ERROR(tx.InsertInstallationFile(file));
    return RecordEvent(tx, file.issued_at, actor, "deployment_license.issued", "installation",
                       installation_id, nullptr,
                       Json{{"id", license.id},
                            {"version", license.version},
                            {"max_users", license.max_users},
                            {"max_agents", license.max_agents}});
  }));
  return file;
}

}  // namespace licensor::core
