// Role → permission table.
#include "core/authz.hpp"

namespace licensor::core {

bool Allows(Role role, Permission permission) {
  switch (role) {
    case Role::kAdmin:
      return true;
    case Role::kOperator:
      return permission == Permission::kRead || permission == Permission::kManageLicensing;
    case Role::kViewer:
      return permission == Permission::kRead;
  }
  return false;
}

}  // namespace licensor::core
