// String forms of the enums; one table per enum keeps both directions in step.
#include "core/enums.hpp"

#include <array>
#include <utility>

namespace licensor::core {
namespace {

template <typename E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<Role, 5> kRoles{{{Role::kAdmin, "admin"},
                                 {Role::kOperator, "operator"},
                                 {Role::kViewer, "viewer"},
                                 {Role::kCustomerAdmin, "customer_admin"},
                                 {Role::kCustomerViewer, "customer_viewer"}}};
constexpr Table<ValidityBasis, 2> kBases{
    {{ValidityBasis::kFromCreation, "FROM_CREATION"},
     {ValidityBasis::kFromFirstActivation, "FROM_FIRST_ACTIVATION"}}};
constexpr Table<DeploymentMode, 3> kModes{{{DeploymentMode::kOnline, "ONLINE"},
                                           {DeploymentMode::kOffline, "OFFLINE"},
                                           {DeploymentMode::kHybrid, "HYBRID"}}};
constexpr Table<DeadActivationAction, 2> kDead{
    {{DeadActivationAction::kKeep, "KEEP"}, {DeadActivationAction::kRelease, "RELEASE"}}};
constexpr Table<LicenseStatus, 4> kStatuses{{{LicenseStatus::kActive, "ACTIVE"},
                                             {LicenseStatus::kSuspended, "SUSPENDED"},
                                             {LicenseStatus::kRevoked, "REVOKED"},
                                             {LicenseStatus::kExpired, "EXPIRED"}}};
constexpr Table<ActivationState, 2> kStates{
    {{ActivationState::kAlive, "ALIVE"}, {ActivationState::kDead, "DEAD"}}};
constexpr Table<LicenseAction, 4> kLicenseActions{{{LicenseAction::kSuspend, "suspend"},
                                                   {LicenseAction::kReinstate, "reinstate"},
                                                   {LicenseAction::kRevoke, "revoke"},
                                                   {LicenseAction::kRenew, "renew"}}};

template <typename E, std::size_t N>
std::string_view Name(const Table<E, N>& table, E v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return "";
}

template <typename E, std::size_t N>
std::optional<E> Parse(const Table<E, N>& table, std::string_view s) {
  for (const auto& [value, name] : table) {
    if (name == s) return value;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
constexpr std::array<std::string_view, N> NamesIn(const Table<E, N>& table) {
  std::array<std::string_view, N> names;
  for (std::size_t i = 0; i < N; ++i) names[i] = table[i].second;
  return names;
}

// Each enum's table, found by the enum's type.
constexpr const auto& TableFor(Role) { return kRoles; }
constexpr const auto& TableFor(ValidityBasis) { return kBases; }
constexpr const auto& TableFor(DeploymentMode) { return kModes; }
constexpr const auto& TableFor(DeadActivationAction) { return kDead; }
constexpr const auto& TableFor(LicenseStatus) { return kStatuses; }
constexpr const auto& TableFor(ActivationState) { return kStates; }
constexpr const auto& TableFor(LicenseAction) { return kLicenseActions; }

}  // namespace

template <typename E>
std::span<const std::string_view> NamesOf() {
  static constexpr auto kNames = NamesIn(TableFor(E{}));
  return kNames;
}
template std::span<const std::string_view> NamesOf<Role>();
template std::span<const std::string_view> NamesOf<ValidityBasis>();
template std::span<const std::string_view> NamesOf<DeploymentMode>();
template std::span<const std::string_view> NamesOf<DeadActivationAction>();
template std::span<const std::string_view> NamesOf<LicenseStatus>();
template std::span<const std::string_view> NamesOf<ActivationState>();
template std::span<const std::string_view> NamesOf<LicenseAction>();

std::string_view ToString(Role v) { return Name(kRoles, v); }
std::string_view ToString(ValidityBasis v) { return Name(kBases, v); }
std::string_view ToString(DeploymentMode v) { return Name(kModes, v); }
std::string_view ToString(DeadActivationAction v) { return Name(kDead, v); }
std::string_view ToString(LicenseStatus v) { return Name(kStatuses, v); }
std::string_view ToString(ActivationState v) { return Name(kStates, v); }
std::string_view ToString(LicenseAction v) { return Name(kLicenseActions, v); }

std::optional<Role> ParseRole(std::string_view s) { return Parse(kRoles, s); }
std::optional<ValidityBasis> ParseValidityBasis(std::string_view s) { return Parse(kBases, s); }
std::optional<DeploymentMode> ParseDeploymentMode(std::string_view s) { return Parse(kModes, s); }
std::optional<DeadActivationAction> ParseDeadActivationAction(std::string_view s) {
  return Parse(kDead, s);
}
std::optional<LicenseStatus> ParseLicenseStatus(std::string_view s) { return Parse(kStatuses, s); }
std::optional<ActivationState> ParseActivationState(std::string_view s) {
  return Parse(kStates, s);
}
std::optional<LicenseAction> ParseLicenseAction(std::string_view s) {
  return Parse(kLicenseActions, s);
}

}  // namespace licensor::core
