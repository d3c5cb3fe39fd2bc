// Which role may do what. Least privilege: a role gets only the permissions listed here.
#pragma once

#include "core/enums.hpp"

namespace licensor::core {

enum class Permission {
  kRead,             // read any resource and the audit log
  kManageLicensing,  // products, customers, policies, licenses, activations
  kManageTokens,     // create, list and revoke API tokens
  kRunJobs,          // run background jobs on demand
  kManageKeys,       // rotate and retire the signing keys
  kManageRegistry,   // upload license files, manage agents and bindings in a registry
  kManageWebhooks,   // add and delete webhooks (they choose where events go)
};

bool Allows(Role role, Permission permission);

}  // namespace licensor::core
