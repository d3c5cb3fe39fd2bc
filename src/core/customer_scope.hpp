// Who may see what a customer holds, in the customer hierarchy: a customer's own users see
// their customer and every customer below it; the vendor's staff and tokens see every customer.
// Shared by the day-cards (seed 002) and the customer overview.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/card_rules.hpp"
#include "core/store.hpp"

namespace licensor::core {

// The customers a caller may see: its customer's subtree, or nullopt (every customer) for the
// vendor's callers, who act for no customer.
using CustomerScope = std::optional<std::vector<std::string>>;

// The customer's superiors, nearest first. kConflict for a tree deeper than 64.
Result<std::vector<std::string>> Superiors(StoreTx& tx, const std::string& customer_id);
// `root` and every customer below it, breadth first.
Result<std::vector<std::string>> Subtree(StoreTx& tx, const std::string& root);
// What a caller acting for `actor_customer` (nullopt: the vendor) may see.
Result<CustomerScope> ScopeOf(StoreTx& tx, const std::optional<std::string>& actor_customer);
// The scope narrowed to one customer of it, when one is asked for; a customer outside the
// scope, or that does not exist, is not found (rather than a list that is merely empty).
Result<CustomerScope> Narrow(StoreTx& tx, CustomerScope scope,
                             const std::optional<std::string>& customer_id);
// What a caller acting for `actor_customer` may do with what `owner` holds (cards::AccessTo);
// the vendor's callers view everything.
Result<cards::Access> CustomerAccess(StoreTx& tx, const std::optional<std::string>& actor_customer,
                                     const std::string& owner);

}  // namespace licensor::core
