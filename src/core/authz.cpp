// Role → permission table.
#include "core/authz.hpp"

namespace licensor::core {

bool Allows(Role role, Permission permission) {
  if (permission == Permission::kOwnAccount) return true;
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

}  // namespace licensor::core
