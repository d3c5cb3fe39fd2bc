// The license payload's JSON form. Reading is strict: a signed file that carries a field this
// version does not know is refused rather than half-understood.
#include "crypto/license_payload.hpp"

#include <algorithm>

#include "common/license_terms.hpp"
#include "crypto/payload_reader.hpp"

namespace licensor::crypto {
namespace {

using Json = nlohmann::json;

Json TimeOrNull(const std::optional<std::int64_t>& t) { return t ? Json(*t) : Json(nullptr); }

Result<Components> ReadComponents(const Json& v) {
  if (!v.is_object()) return Status::InvalidField("binding.components must be an object");
  Components out;
  for (const auto& [name, value] : v.items()) {
    if (!value.is_string())
      return Status::InvalidField("binding.components values must be strings");
    out[name] = value.get<std::string>();
  }
  return out;
}

Result<FingerprintRule> ReadRule(const Json& v) {
  if (!v.is_object()) return Status::InvalidField("binding.rule must be an object");
  FieldReader rule(v);
  LICENSOR_RETURN_IF_ERROR(rule.CheckExactly({"components", "min_matching"}));
  FingerprintRule out;
  LICENSOR_ASSIGN_OR_RETURN(out.components,
                            StringList(v.at("components"), "binding.rule.components"));
  LICENSOR_ASSIGN_OR_RETURN(const auto min, rule.Integer("min_matching"));
  if (min < 0 || min > static_cast<std::int64_t>(out.components.size())) {
    return Status::InvalidField("binding.rule.min_matching is out of range");
  }
  out.min_matching = static_cast<int>(min);
  return out;
}

const std::set<std::string> kFields = {"type",
                                       "format",
                                       "license_id",
                                       "license_code",
                                       "license_version",
                                       "activation_id",
                                       "product",
                                       "customer",
                                       "features",
                                       "issued_at",
                                       "not_before",
                                       "expires_at",
                                       "expiry_grace_s",
                                       "mode",
                                       "binding",
                                       "max_activations",
                                       "refresh_by",
                                       "offline_grace_s",
                                       "heartbeat_interval_s"};
// Written only when they say something: see LicensePayload::trial.
const std::set<std::string> kOptionalFields = {"trial"};

}  // namespace

std::string CanonicalLicensePayload(const LicensePayload& p) {
  std::vector<std::string> features = p.features;
  std::sort(features.begin(), features.end());
  features.erase(std::unique(features.begin(), features.end()), features.end());
  Json document = {
      {"type", "license"},
      {"format", kLicensePayloadFormat},
      {"license_id", p.license_id},
      {"license_code", p.license_code},
      {"license_version", p.license_version},
      {"activation_id", p.activation_id},
      {"product", {{"id", p.product_id}, {"name", p.product_name}}},
      {"customer", {{"id", p.customer_id}, {"name", p.customer_name}}},
      {"features", features},
      {"issued_at", p.issued_at},
      {"not_before", p.not_before},
      {"expires_at", TimeOrNull(p.expires_at)},
      {"expiry_grace_s", p.expiry_grace_s},
      {"mode", p.mode},
      {"binding",
       {{"fingerprint", p.fingerprint},
        {"components", p.components},
        {"rule", {{"components", p.rule.components}, {"min_matching", p.rule.min_matching}}}}},
      {"max_activations", p.max_activations},
      {"refresh_by", TimeOrNull(p.refresh_by)},
      {"offline_grace_s", p.offline_grace_s},
      {"heartbeat_interval_s", TimeOrNull(p.heartbeat_interval_s)}};
  if (p.trial) document["trial"] = true;
  return document.dump();
}

Result<LicensePayload> ReadLicensePayload(const Json& document) {
  if (!document.is_object()) return Status::InvalidField("the payload must be an object");
  FieldReader f(document);
  LICENSOR_RETURN_IF_ERROR(f.CheckExactly(kFields, kOptionalFields));
  LICENSOR_ASSIGN_OR_RETURN(const std::string type, f.String("type"));
  if (type != "license")
    return Status::InvalidField("the payload is a '" + type + "', not a license");
  LICENSOR_ASSIGN_OR_RETURN(const auto format, f.Integer("format"));
  if (format != kLicensePayloadFormat) {
    return Status::InvalidField("payload format " + std::to_string(format) + " is not supported");
  }
  LicensePayload p;
  LICENSOR_ASSIGN_OR_RETURN(p.license_id, f.String("license_id"));
  LICENSOR_ASSIGN_OR_RETURN(p.license_code, f.String("license_code"));
  LICENSOR_ASSIGN_OR_RETURN(p.license_version, f.Integer("license_version"));
  LICENSOR_ASSIGN_OR_RETURN(p.activation_id, f.String("activation_id"));
  for (const char* party : {"product", "customer"}) {
    const Json& v = document.at(party);
    if (!v.is_object())
      return Status::InvalidField(std::string("payload field '") + party + "' must be an object");
    FieldReader r(v);
    LICENSOR_RETURN_IF_ERROR(r.CheckExactly({"id", "name"}));
    LICENSOR_ASSIGN_OR_RETURN(auto id, r.String("id"));
    LICENSOR_ASSIGN_OR_RETURN(auto name, r.String("name"));
    (party[0] == 'p' ? p.product_id : p.customer_id) = std::move(id);
    (party[0] == 'p' ? p.product_name : p.customer_name) = std::move(name);
  }
  LICENSOR_ASSIGN_OR_RETURN(p.features, StringList(document.at("features"), "features"));
  LICENSOR_ASSIGN_OR_RETURN(p.issued_at, f.Integer("issued_at"));
  LICENSOR_ASSIGN_OR_RETURN(p.not_before, f.Integer("not_before"));
  LICENSOR_ASSIGN_OR_RETURN(p.expires_at, f.IntegerOrNull("expires_at"));
  LICENSOR_ASSIGN_OR_RETURN(p.expiry_grace_s, f.Integer("expiry_grace_s"));
  LICENSOR_ASSIGN_OR_RETURN(p.mode, f.String("mode"));
  if (p.mode != "ONLINE" && p.mode != "OFFLINE" && p.mode != "HYBRID") {
    return Status::InvalidField("payload field 'mode' must be ONLINE, OFFLINE or HYBRID");
  }
  const Json& binding = document.at("binding");
  if (!binding.is_object())
    return Status::InvalidField("payload field 'binding' must be an object");
  FieldReader b(binding);
  LICENSOR_RETURN_IF_ERROR(b.CheckExactly({"fingerprint", "components", "rule"}));
  LICENSOR_ASSIGN_OR_RETURN(p.fingerprint, b.String("fingerprint"));
  LICENSOR_ASSIGN_OR_RETURN(p.components, ReadComponents(binding.at("components")));
  LICENSOR_ASSIGN_OR_RETURN(p.rule, ReadRule(binding.at("rule")));
  LICENSOR_ASSIGN_OR_RETURN(const auto max_activations, f.Integer("max_activations"));
  if (max_activations < 1 || max_activations > kMaxActivations) {
    return Status::InvalidField("payload field 'max_activations' is out of range");
  }
  p.max_activations = static_cast<int>(max_activations);
  LICENSOR_ASSIGN_OR_RETURN(p.refresh_by, f.IntegerOrNull("refresh_by"));
  LICENSOR_ASSIGN_OR_RETURN(p.offline_grace_s, f.Integer("offline_grace_s"));
  LICENSOR_ASSIGN_OR_RETURN(p.heartbeat_interval_s, f.IntegerOrNull("heartbeat_interval_s"));
  LICENSOR_ASSIGN_OR_RETURN(p.trial, f.BooleanOr("trial", false));
  if (p.expires_at && *p.expires_at < p.not_before) {
    return Status::InvalidField("the payload expires before it becomes valid");
  }
  return p;
}

}  // namespace licensor::crypto
