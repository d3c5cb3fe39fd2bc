#include "crypto/fingerprint_request.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <set>

namespace licensor::crypto {
namespace {

using Json = nlohmann::json;
constexpr std::size_t kMaxRequestSize = 16 * 1024;

Status CheckComponents(const Components& components) {
  if (components.empty() || components.size() > kMaxComponents) {
    return Status::InvalidField("a fingerprint request holds 1 to 16 components");
  }
  for (const auto& [name, value] : components) {
    if (name.empty() || name.size() > kMaxComponentName || value.size() > kMaxComponentValue ||
        name.find_first_of("=\n") != std::string::npos || value.find('\n') != std::string::npos) {
      return Status::InvalidField("component '" + name.substr(0, 64) +
                                  "': names are 1 to 64 characters without '=' or newlines, "
                                  "values up to 256 characters without newlines");
    }
  }
  return Status::Ok();
}

Result<std::string> StringField(const Json& object, const char* name, std::size_t max) {
  const Json& v = object.at(name);
  if (!v.is_string() || v.get_ref<const std::string&>().size() > max) {
    return Status::InvalidField(std::string("'") + name + "' must be a string of at most " +
                                std::to_string(max) + " characters");
  }
  return v.get<std::string>();
}

}  // namespace

std::string FingerprintOf(const Components& components) {
  // Length-prefixed, so no choice of names and values can collide with another.
  std::string lines;
  for (const auto& [name, value] : components) {
    lines += std::to_string(name.size()) + ":" + name + std::to_string(value.size()) + ":" + value;
  }
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(lines.data()),
                     lines.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return "fp1-" + std::string(hex);
}

std::string WriteFingerprintRequest(const FingerprintRequest& r) {
  const Json document = {{"type", "licensor-fingerprint-request"},
                         {"format", 1},
                         {"fingerprint", r.fingerprint},
                         {"components", r.components},
                         {"hostname", r.hostname},
                         {"platform", r.platform},
                         {"virtualization", r.virtualization},
                         {"created_at", r.created_at}};
  return document.dump(2) + "\n";
}

Result<FingerprintRequest> ReadFingerprintRequest(std::string_view text) {
  if (text.size() > kMaxRequestSize) {
    return Status::InvalidField("a fingerprint request is at most 16 KiB");
  }
  const Json document = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) {
    return Status::InvalidField("the fingerprint request is not a JSON object");
  }
  const std::set<std::string> names = {"type",     "format",   "fingerprint",    "components",
                                       "hostname", "platform", "virtualization", "created_at"};
  for (const auto& [name, value] : document.items()) {
    if (!names.count(name))
      return Status::InvalidField("unknown field '" + name.substr(0, 64) + "'");
  }
  for (const auto& name : names) {
    if (!document.contains(name)) return Status::InvalidField("field '" + name + "' is missing");
  }
  if (document.at("type") != "licensor-fingerprint-request" || document.at("format") != 1) {
    return Status::InvalidField("this is not a format 1 licensor-fingerprint-request");
  }
  FingerprintRequest r;
  LICENSOR_ASSIGN_OR_RETURN(r.fingerprint, StringField(document, "fingerprint", 256));
  LICENSOR_ASSIGN_OR_RETURN(r.hostname, StringField(document, "hostname", 255));
  LICENSOR_ASSIGN_OR_RETURN(r.platform, StringField(document, "platform", 100));
  LICENSOR_ASSIGN_OR_RETURN(r.virtualization, StringField(document, "virtualization", 100));
  if (!document.at("created_at").is_number_integer()) {
    return Status::InvalidField("'created_at' must be an integer");
  }
  r.created_at = document.at("created_at").get<UnixSeconds>();
  const Json& components = document.at("components");
  if (!components.is_object()) return Status::InvalidField("'components' must be an object");
  for (const auto& [name, value] : components.items()) {
    if (!value.is_string()) return Status::InvalidField("component values must be strings");
    r.components[name] = value.get<std::string>();
  }
  LICENSOR_RETURN_IF_ERROR(CheckComponents(r.components));
  if (r.fingerprint != FingerprintOf(r.components)) {
    return Status::InvalidField(
        "the fingerprint does not match the components; the request was "
        "edited or damaged, collect it again");
  }
  return r;
}

}  // namespace licensor::crypto
