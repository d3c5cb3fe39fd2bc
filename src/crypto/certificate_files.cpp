// Certificate packages and deployment licenses: canonical writing and strict reading.
#include "crypto/certificate_files.hpp"

#include <set>

#include "crypto/payload_reader.hpp"

namespace licensor::crypto {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxCertificates = 1000;
constexpr std::size_t kMaxModules = 200;
constexpr std::int64_t kMaxValidityDays = 36500;

Json TimeOrNull(const std::optional<std::int64_t>& t) { return t ? Json(*t) : Json(nullptr); }

bool OneOf(const std::string& value, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed) {
    if (value == a) return true;
  }
  return false;
}

Json InstallationJson(const InstallationRef& i) {
  return {{"installation_id", i.installation_id},
          {"license_id", i.license_id},
          {"tenant_id", i.tenant_id},
          {"environment", i.environment},
          {"customer_name", i.customer_name}};
}

Status CheckInstallation(const InstallationRef& i) {
  if (i.installation_id.empty() || i.license_id.empty()) {
    return Status::InvalidField("installation.installation_id and license_id are required");
  }
  if (!OneOf(i.environment, {"DEV", "UAT", "PROD"})) {
    return Status::InvalidField("installation.environment must be DEV, UAT or PROD");
  }
  return Status::Ok();
}

Result<InstallationRef> ReadInstallation(const Json& v) {
  if (!v.is_object()) return Status::InvalidField("payload field 'installation' must be an object");
  FieldReader r(v);
  LICENSOR_RETURN_IF_ERROR(r.CheckExactly(
      {"installation_id", "license_id", "tenant_id", "environment", "customer_name"}));
  InstallationRef i;
  LICENSOR_ASSIGN_OR_RETURN(i.installation_id, r.String("installation_id"));
  LICENSOR_ASSIGN_OR_RETURN(i.license_id, r.String("license_id"));
  LICENSOR_ASSIGN_OR_RETURN(i.tenant_id, r.String("tenant_id"));
  LICENSOR_ASSIGN_OR_RETURN(i.environment, r.String("environment"));
  LICENSOR_ASSIGN_OR_RETURN(i.customer_name, r.String("customer_name"));
  LICENSOR_RETURN_IF_ERROR(CheckInstallation(i));
  return i;
}

Status CheckType(const Json& document, const char* type) {
  FieldReader r(document);
  LICENSOR_ASSIGN_OR_RETURN(const std::string actual, r.String("type"));
  if (actual != type) {
    return Status::InvalidField("the payload is a '" + actual + "', not a " + type);
  }
  LICENSOR_ASSIGN_OR_RETURN(const auto format, r.Integer("format"));
  if (format != 1)
    return Status::InvalidField("payload format " + std::to_string(format) + " is not supported");
  return Status::Ok();
}

// Opens the envelope, then reads its payload with `read`; any failure refuses the whole file.
template <typename Payload, typename ReadFn>
OpenedFile<Payload> Open(std::string_view text, const PublicKeys& trusted, ReadFn read) {
  OpenedFile<Payload> opened;
  const EnvelopeResult envelope = OpenLicenseFile(text, trusted);
  if (!envelope.ok) {
    opened.code = FileCodeOf(envelope.error);
    opened.detail = envelope.detail;
    return opened;
  }
  opened.key_id = envelope.envelope.key_id;
  auto payload = read(envelope.envelope.document);
  if (!payload.ok()) {
    opened.code = FileCode::kBadPayload;
    opened.detail = payload.status().message();
    return opened;
  }
  opened.code = FileCode::kValid;
  opened.detail = "the signature is good";
  opened.payload = std::move(*payload);
  opened.document = envelope.envelope.document;
  return opened;
}

}  // namespace

Result<CertificatePackage> ReadCertificatePackage(const Json& d) {
  if (!d.is_object()) return Status::InvalidField("the payload must be an object");
  FieldReader r(d);
  LICENSOR_RETURN_IF_ERROR(r.CheckExactly(
      {"type", "format", "package_id", "installation", "issued_at", "certificates"}));
  LICENSOR_RETURN_IF_ERROR(CheckType(d, "certificate-package"));
  CertificatePackage p;
  LICENSOR_ASSIGN_OR_RETURN(p.package_id, r.String("package_id"));
  LICENSOR_ASSIGN_OR_RETURN(p.installation, ReadInstallation(d.at("installation")));
  LICENSOR_ASSIGN_OR_RETURN(p.issued_at, r.Integer("issued_at"));
  const Json& list = d.at("certificates");
  if (!list.is_array()) return Status::InvalidField("payload field 'certificates' must be a list");
  for (const Json& item : list) {
    if (!item.is_object()) return Status::InvalidField("each certificate must be an object");
    FieldReader c(item);
    LICENSOR_RETURN_IF_ERROR(c.CheckExactly({"id", "type", "mode", "validity_days"}));
    Certificate cert;
    LICENSOR_ASSIGN_OR_RETURN(cert.id, c.String("id"));
    LICENSOR_ASSIGN_OR_RETURN(cert.type, c.String("type"));
    LICENSOR_ASSIGN_OR_RETURN(cert.mode, c.String("mode"));
    LICENSOR_ASSIGN_OR_RETURN(cert.validity_days, c.IntegerOrNull("validity_days"));
    p.certificates.push_back(std::move(cert));
  }
  LICENSOR_RETURN_IF_ERROR(CheckCertificatePackage(p));
  return p;
}

Result<DeploymentLicense> ReadDeploymentLicense(const Json& d) {
  if (!d.is_object()) return Status::InvalidField("the payload must be an object");
  FieldReader r(d);
  LICENSOR_RETURN_IF_ERROR(
      r.CheckExactly({"type", "format", "id", "installation", "version", "issued_at",
                      "effective_at", "expires_at", "modules", "max_users", "max_agents"}));
  LICENSOR_RETURN_IF_ERROR(CheckType(d, "deployment-license"));
  DeploymentLicense l;
  LICENSOR_ASSIGN_OR_RETURN(l.id, r.String("id"));
  LICENSOR_ASSIGN_OR_RETURN(l.installation, ReadInstallation(d.at("installation")));
  LICENSOR_ASSIGN_OR_RETURN(l.version, r.Integer("version"));
  LICENSOR_ASSIGN_OR_RETURN(l.issued_at, r.Integer("issued_at"));
  LICENSOR_ASSIGN_OR_RETURN(l.effective_at, r.Integer("effective_at"));
  LICENSOR_ASSIGN_OR_RETURN(l.expires_at, r.IntegerOrNull("expires_at"));
  LICENSOR_ASSIGN_OR_RETURN(l.max_users, r.Integer("max_users"));
  LICENSOR_ASSIGN_OR_RETURN(l.max_agents, r.Integer("max_agents"));
  const Json& modules = d.at("modules");
  if (!modules.is_array()) return Status::InvalidField("payload field 'modules' must be a list");
  for (const Json& item : modules) {
    if (!item.is_object()) return Status::InvalidField("each module must be an object");
    FieldReader m(item);
    LICENSOR_RETURN_IF_ERROR(m.CheckExactly({"code", "restrictions"}));
    Module module;
    LICENSOR_ASSIGN_OR_RETURN(module.code, m.String("code"));
    const Json& restrictions = item.at("restrictions");
    if (!restrictions.is_object()) {
      return Status::InvalidField("module '" + module.code + "': restrictions must be an object");
    }
    for (const auto& [name, values] : restrictions.items()) {
      LICENSOR_ASSIGN_OR_RETURN(module.restrictions[name],
                                StringList(values, "modules." + module.code + "." + name));
    }
    l.modules.push_back(std::move(module));
  }
  LICENSOR_RETURN_IF_ERROR(CheckDeploymentLicense(l));
  return l;
}

Status CheckCertificatePackage(const CertificatePackage& p) {
  LICENSOR_RETURN_IF_ERROR(CheckInstallation(p.installation));
  if (p.package_id.empty()) return Status::InvalidField("package_id is required");
  if (p.certificates.empty() || p.certificates.size() > kMaxCertificates) {
    return Status::InvalidField("a package holds 1 to 1000 certificates");
  }
  std::set<std::string> ids;
  for (const auto& c : p.certificates) {
    if (c.id.empty() || !ids.insert(c.id).second) {
      return Status::InvalidField("certificate ids must be present and unique");
    }
    if (!OneOf(c.type, {"PLATFORM", "AGENT", "PLATFORM_UNLIMITED_AGENTS"})) {
      return Status::InvalidField(
          "certificate type must be PLATFORM, AGENT or "
          "PLATFORM_UNLIMITED_AGENTS");
    }
    if (!OneOf(c.mode, {"SUBSCRIPTION", "BUYOUT", "TEST"})) {
      return Status::InvalidField("certificate mode must be SUBSCRIPTION, BUYOUT or TEST");
    }
    if (c.validity_days && (*c.validity_days < 1 || *c.validity_days > kMaxValidityDays)) {
      return Status::InvalidField("validity_days must be 1 to 36500, or PERMANENT");
    }
  }
  return Status::Ok();
}

Status CheckDeploymentLicense(const DeploymentLicense& l) {
  LICENSOR_RETURN_IF_ERROR(CheckInstallation(l.installation));
  if (l.id.empty()) return Status::InvalidField("id is required");
  if (l.version < 1) return Status::InvalidField("version must be at least 1");
  if (l.expires_at && *l.expires_at <= l.effective_at) {
    return Status::InvalidField("expires_at must be after effective_at");
  }
  if (l.max_users < 0 || l.max_agents < 0) {
    return Status::InvalidField("max_users and max_agents must not be negative");
  }
  if (l.modules.size() > kMaxModules) return Status::InvalidField("at most 200 modules");
  std::set<std::string> codes;
  for (const auto& m : l.modules) {
    if (m.code.empty() || !codes.insert(m.code).second) {
      return Status::InvalidField("module codes must be present and unique");
    }
  }
  return Status::Ok();
}

std::string IssueCertificatePackage(const SigningKey& key, const CertificatePackage& p) {
  Json certificates = Json::array();
  for (const auto& c : p.certificates) {
    certificates.push_back({{"id", c.id},
                            {"type", c.type},
                            {"mode", c.mode},
                            {"validity_days", TimeOrNull(c.validity_days)}});
  }
  const Json payload = {
      {"type", "certificate-package"}, {"format", 1},
      {"package_id", p.package_id},    {"installation", InstallationJson(p.installation)},
      {"issued_at", p.issued_at},      {"certificates", certificates}};
  return SealLicenseFile(key, payload.dump());
}

std::string IssueDeploymentLicense(const SigningKey& key, const DeploymentLicense& l) {
  Json modules = Json::array();
  for (const auto& m : l.modules)
    modules.push_back({{"code", m.code}, {"restrictions", m.restrictions}});
  const Json payload = {{"type", "deployment-license"},
                        {"format", 1},
                        {"id", l.id},
                        {"installation", InstallationJson(l.installation)},
                        {"version", l.version},
                        {"issued_at", l.issued_at},
                        {"effective_at", l.effective_at},
                        {"expires_at", TimeOrNull(l.expires_at)},
                        {"modules", modules},
                        {"max_users", l.max_users},
                        {"max_agents", l.max_agents}};
  return SealLicenseFile(key, payload.dump());
}

OpenedFile<CertificatePackage> OpenCertificatePackage(std::string_view text,
                                                      const PublicKeys& trusted) {
  return Open<CertificatePackage>(text, trusted, ReadCertificatePackage);
}

OpenedFile<DeploymentLicense> OpenDeploymentLicense(std::string_view text,
                                                    const PublicKeys& trusted) {
  return Open<DeploymentLicense>(text, trusted, ReadDeploymentLicense);
}

OpenedInstallationFile OpenInstallationFile(std::string_view text, const PublicKeys& trusted) {
  OpenedInstallationFile opened;
  const EnvelopeResult envelope = OpenLicenseFile(text, trusted);
  if (!envelope.ok) {
    opened.code = FileCodeOf(envelope.error);
    opened.detail = envelope.detail;
    return opened;
  }
  const Json& document = envelope.envelope.document;
  opened.kind = TextOr(document, "type");
  Status read = Status::InvalidField("the payload is a '" + opened.kind.substr(0, 64) +
                                     "', not a certificate package or deployment license");
  if (opened.kind == "certificate-package") {
    auto package = ReadCertificatePackage(document);
    read = package.status();
    if (package.ok()) opened.installation = package->installation;
  } else if (opened.kind == "deployment-license") {
    auto license = ReadDeploymentLicense(document);
    read = license.status();
    if (license.ok()) {
      opened.installation = license->installation;
      opened.expires_at = license->expires_at;
    }
  }
  if (!read.ok()) {
    opened.code = FileCode::kBadPayload;
    opened.detail = read.message();
    return opened;
  }
  opened.code = FileCode::kValid;
  opened.detail = "the signature is good";
  opened.document = document;
  return opened;
}

}  // namespace licensor::crypto
