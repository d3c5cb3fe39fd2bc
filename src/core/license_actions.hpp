// Which lifecycle actions a license allows in its current state. LicenseService::Act enforces
// it, and each license's answer lists the actions it allows (`actions`), so that no client
// restates the rule.
#pragma once

#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "core/entities.hpp"

namespace licensor::core {

// OK, or the conflict that says why `action` cannot be applied to `license` now.
Status CheckLicenseAction(const License& license, LicenseAction action);

// The names of the actions CheckLicenseAction allows, in NamesOf<LicenseAction>() order.
std::vector<std::string_view> AllowedLicenseActions(const License& license);

}  // namespace licensor::core
