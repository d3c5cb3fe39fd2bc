// Role → permission table.
#include "core/authz.hpp"

namespace licensor::core {

bool Allows(Role role, Permission permission) {
  if (permission == Permission::kOwnAccount || permission == Permission::kReadCustomerOverview) {
    return true;
  }
  switch (role) {
    case Role::kAdmin:
      return permission != Permission::kOperateCards;  // cards are operated by their customers
    case Role::kOperator:
      return permission == Permission::kRead || permission == Permission::kManageLicensing ||
             permission == Permission::kReadCards || permission == Permission::kManageFleet;
    case Role::kViewer:
      return permission == Permission::kRead || permission == Permission::kReadCards;
    case Role::kCustomerAdmin:
      return permission == Permission::kReadCards || permission == Permission::kOperateCards ||
             permission == Permission::kManageUsers;
    case Role::kCustomerViewer:
      return permission == Permission::kReadCards;
  }
  return false;
}

std::string_view ToString(Permission permission) {
  switch (permission) {
    case Permission::kRead:
      return "read";
    case Permission::kManageLicensing:
      return "manage_licensing";
    case Permission::kManageTokens:
      return "manage_tokens";
    case Permission::kRunJobs:
      return "run_jobs";
    case Permission::kManageKeys:
      return "manage_keys";
    case Permission::kManageRegistry:
      return "manage_registry";
    case Permission::kManageWebhooks:
      return "manage_webhooks";
    case Permission::kReadCards:
      return "read_cards";
    case Permission::kManageFleet:
      return "manage_fleet";
    case Permission::kOperateCards:
      return "operate_cards";
    case Permission::kManageUsers:
      return "manage_users";
    case Permission::kBackUpStore:
      return "back_up_store";
    case Permission::kReadCustomerOverview:
      return "read_customer_overview";
    case Permission::kOwnAccount:
      return "own_account";
  }
  return "";
}

std::vector<std::string> PermissionsOf(Role role) {
  std::vector<std::string> names;
  for (int p = static_cast<int>(Permission::kRead); p <= static_cast<int>(Permission::kOwnAccount);
       ++p) {
    if (Allows(role, static_cast<Permission>(p))) {
      names.emplace_back(ToString(static_cast<Permission>(p)));
    }
  }
  return names;
}

}  // namespace licensor::core
