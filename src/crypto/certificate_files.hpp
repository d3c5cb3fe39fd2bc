// The files of the platform-and-agents model (seeds 000 and 001): a certificate package
// (`.lcs`) of platform and agent certificates, and a deployment license (`.lic`) with modules
// and limits. Both are payloads of the license-file envelope, not a format of their own: the
// same armor, signature, key ids and strict canonical reading (docs/license-format.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "crypto/license_file.hpp"

namespace licensor::crypto {

// Which installation a file is for; the installation side refuses files for any other.
struct InstallationRef {
  std::string installation_id;
  std::string license_id;  // the environment's unique code (seed 001's "License ID")
  std::string tenant_id;
  std::string environment;  // DEV, UAT or PROD
  std::string customer_name;
};

struct Certificate {
  std::string id;
  std::string type;                           // PLATFORM, AGENT or PLATFORM_UNLIMITED_AGENTS
  std::string mode;                           // SUBSCRIPTION, BUYOUT or TEST
  std::optional<std::int64_t> validity_days;  // nullopt: PERMANENT
};

struct CertificatePackage {
  std::string package_id;
  InstallationRef installation;
  UnixSeconds issued_at = 0;
  std::vector<Certificate> certificates;  // 1 to 1000, ids unique
};

struct Module {
  std::string code;
  // Usage restrictions by name, e.g. {"model_types": ["gpt-4o", "llama-3"]}.
  std::map<std::string, std::vector<std::string>> restrictions;
};

struct DeploymentLicense {
  std::string id;
  InstallationRef installation;
  std::int64_t version = 1;
  UnixSeconds issued_at = 0;
  UnixSeconds effective_at = 0;
  std::optional<UnixSeconds> expires_at;  // nullopt: no end date
  std::vector<Module> modules;            // codes unique
  std::int64_t max_users = 0;
  std::int64_t max_agents = 0;
};

// Checks a package or license before it is signed; the reader applies the same rules.
// Errors: kInvalidField naming the field.
Status CheckCertificatePackage(const CertificatePackage& package);
Status CheckDeploymentLicense(const DeploymentLicense& license);

// Strict readers of the payload documents (what the envelope carried), for files already
// verified, e.g. the registry's log of accepted uploads.
Result<CertificatePackage> ReadCertificatePackage(const nlohmann::json& document);
Result<DeploymentLicense> ReadDeploymentLicense(const nlohmann::json& document);

std::string IssueCertificatePackage(const SigningKey& key, const CertificatePackage& package);
std::string IssueDeploymentLicense(const SigningKey& key, const DeploymentLicense& license);

template <typename Payload>
struct OpenedFile {
  FileCode code = FileCode::kMalformed;  // kValid, or why the file was refused
  std::string detail;
  std::string key_id;
  Payload payload;          // set when code is kValid
  nlohmann::json document;  // the verified payload document, likewise
};
OpenedFile<CertificatePackage> OpenCertificatePackage(std::string_view text,
                                                      const PublicKeys& trusted);
OpenedFile<DeploymentLicense> OpenDeploymentLicense(std::string_view text,
                                                    const PublicKeys& trusted);

// Either kind, as an installation receives them: the envelope is opened once and the payload's
// type decides which reader applies.
struct OpenedInstallationFile {
  FileCode code = FileCode::kMalformed;
  std::string detail;
  std::string kind;  // "certificate-package" or "deployment-license" when code is kValid
  InstallationRef installation;
  std::optional<UnixSeconds> expires_at;  // deployment licenses
  nlohmann::json document;                // the verified payload document
};
OpenedInstallationFile OpenInstallationFile(std::string_view text, const PublicKeys& trusted);

}  // namespace licensor::crypto
