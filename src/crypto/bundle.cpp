#include "crypto/bundle.hpp"

#include "crypto/license_file.hpp"
#include "crypto/payload_reader.hpp"
#include "crypto/public_keys_file.hpp"

namespace licensor::crypto {

std::string IssueBundle(const SigningKey& key, const Bundle& b) {
  const nlohmann::json payload = {{"type", "bundle"},
                                  {"format", 1},
                                  {"license_file", b.license_file},
                                  {"public_keys", b.public_keys},
                                  {"config_template", b.config_template},
                                  {"issued_at", b.issued_at}};
  return SealLicenseFile(key, payload.dump());
}

OpenedBundle OpenBundle(std::string_view text, const PublicKeys& trusted) {
  OpenedBundle opened;
  const EnvelopeResult envelope = OpenLicenseFile(text, trusted);
  if (!envelope.ok) {
    opened.code = FileCodeOf(envelope.error);
    opened.detail = envelope.detail;
    return opened;
  }
  const nlohmann::json& d = envelope.envelope.document;
  const bool shaped = d.size() == 6 && TextOr(d, "type") == "bundle" &&
                      IntegerOr(d, "format") == 1 && d.contains("license_file") &&
                      d.at("license_file").is_string() && d.contains("public_keys") &&
                      d.contains("config_template") && d.at("config_template").is_string() &&
                      d.contains("issued_at") && d.at("issued_at").is_number_integer();
  if (!shaped) {
    opened.code = FileCode::kBadPayload;
    opened.detail = "the file is signed but is not a format 1 bundle";
    return opened;
  }
  if (auto keys = ReadPublicKeysDocument(d.at("public_keys")); !keys.ok()) {
    opened.code = FileCode::kBadPayload;
    opened.detail = "the bundle's public keys: " + keys.status().message();
    return opened;
  }
  opened.ok = true;
  opened.code = FileCode::kValid;
  opened.bundle.license_file = d.at("license_file").get<std::string>();
  opened.bundle.public_keys = d.at("public_keys");
  opened.bundle.config_template = d.at("config_template").get<std::string>();
  opened.bundle.issued_at = d.at("issued_at").get<UnixSeconds>();
  return opened;
}

}  // namespace licensor::crypto
