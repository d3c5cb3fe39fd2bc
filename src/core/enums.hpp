// Settings with stable upper-case string values, as clients see them.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace licensor::core {

// Vendor roles act on everything; customer roles act for one customer (ApiToken::customer_id)
// on the cards and devices of its subtree of the customer hierarchy.
enum class Role { kAdmin, kOperator, kViewer, kCustomerAdmin, kCustomerViewer };
inline bool IsCustomerRole(Role r) {
  return r == Role::kCustomerAdmin || r == Role::kCustomerViewer;
}
enum class ValidityBasis { kFromCreation, kFromFirstActivation };
enum class DeploymentMode { kOnline, kOffline, kHybrid };
enum class DeadActivationAction { kKeep, kRelease };
enum class LicenseStatus { kActive, kSuspended, kRevoked, kExpired };
enum class ActivationState { kAlive, kDead };
// What an administrator may do to a license (POST /v1/licenses/{id}/actions/{name}).
enum class LicenseAction { kSuspend, kReinstate, kRevoke, kRenew };

std::string_view ToString(Role v);
std::string_view ToString(ValidityBasis v);
std::string_view ToString(DeploymentMode v);
std::string_view ToString(DeadActivationAction v);
std::string_view ToString(LicenseStatus v);
std::string_view ToString(ActivationState v);
std::string_view ToString(LicenseAction v);

// Parsers return nullopt for any string that is not exactly one of the values above.
std::optional<Role> ParseRole(std::string_view s);
std::optional<ValidityBasis> ParseValidityBasis(std::string_view s);
std::optional<DeploymentMode> ParseDeploymentMode(std::string_view s);
std::optional<DeadActivationAction> ParseDeadActivationAction(std::string_view s);
std::optional<LicenseStatus> ParseLicenseStatus(std::string_view s);
std::optional<ActivationState> ParseActivationState(std::string_view s);
std::optional<LicenseAction> ParseLicenseAction(std::string_view s);

// Every name of an enum, in declaration order: what a client may send, and what a message
// lists. Defined in enums.cpp for each enum above.
template <typename E>
std::span<const std::string_view> NamesOf();

}  // namespace licensor::core
