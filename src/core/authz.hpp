// Which role may do what. Least privilege: a role gets only the permissions listed here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  // Console users. Customer admins are further limited to the users of their own customer.
  kManageUsers,
  // Download a copy of the whole store: every record, hashed secrets included. Admins only.
  kBackUpStore,
  // One customer's page: all it holds, of every model. Every role; customer roles only their
  // own customer and those below it.
  kReadCustomerOverview,
  kOwnAccount,  // a signed-in user's own profile, password and sign-out: every role
};

// Who makes a request on the admin API: an API token or a user signed in to the console.
// Both are authorized alike, by role (Allows) and, for customer roles, by customer.
struct Principal {
  std::string id;  // the token's or the user's id; recorded as the actor of what it does
  Role role = Role::kViewer;
  std::optional<std::string> customer_id;  // customer roles: the customer it acts for
  bool signed_in = false;                  // a console session rather than a bearer token
};

bool Allows(Role role, Permission permission);

// The permission's name, e.g. "manage_licensing": the console shows what a role may do by it.
std::string_view ToString(Permission permission);
// The names of every permission `role` has, in the order of Permission.
std::vector<std::string> PermissionsOf(Role role);

}  // namespace licensor::core
