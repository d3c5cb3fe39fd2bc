// Who sees a license's credentials, and what the others see.
#include "core/credentials.hpp"

namespace licensor::core {

Credentials CredentialsFor(const Principal& by, cards::Access access) {
  if (!by.customer_id) {
    return Allows(by.role, Permission::kManageLicensing) ? Credentials::kShown
                                                         : Credentials::kMasked;
  }
  return by.role == Role::kCustomerAdmin && access == cards::Access::kManage ? Credentials::kShown
                                                                             : Credentials::kMasked;
}

std::string Masked(std::string_view credential) {
  constexpr std::size_t kShownTail = 4;
  // A credential of eight characters or fewer would be half given away by its tail.
  if (credential.size() <= 2 * kShownTail) return std::string(kMaskPrefix);
  return std::string(kMaskPrefix) + std::string(credential.substr(credential.size() - kShownTail));
}

namespace {

void MaskMember(Json& object, const char* name) {
  if (object.is_object() && object.contains(name) && object[name].is_string()) {
    object[name] = Masked(object[name].get<std::string>());
  }
}

}  // namespace

void MaskLicenseJson(Json& license) { MaskMember(license, "code"); }

void MaskActivationJson(Json& activation) {
  MaskMember(activation, "fingerprint");
  if (!activation.is_object() || !activation.contains("components")) return;
  for (auto& [name, value] : activation["components"].items()) {
    if (value.is_string()) value = Masked(value.get<std::string>());
  }
}

void MaskEventCredentials(Json& event, Credentials shown) {
  if (shown == Credentials::kShown) return;
  // A license's event may carry an activation too (an offline release records the machine it
  // freed): its sides are masked as either, whichever members they have.
  const bool license = event["resource_type"] == "license";
  const bool activation = event["resource_type"] == "activation";
  for (const char* side : {"before", "after"}) {
    if (license) MaskLicenseJson(event[side]);
    if (license || activation) MaskActivationJson(event[side]);
  }
}

}  // namespace licensor::core
