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
  // Device day-cards (seed 002). Customer roles are further limited to their own subtree.
  kReadCards,     // cards, devices, their records and statistics
  kManageFleet,   // the vendor's side: models, card types, devices, issuing cards, days
  kOperateCards,  // a customer's side: lock, bind, unbind, sell, return; its own settings
};

bool Allows(Role role, Permission permission);

}  // namespace licensor::core
