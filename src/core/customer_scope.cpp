#include "core/customer_scope.hpp"

#include <algorithm>

namespace licensor::core {
namespace {

constexpr std::size_t kMaxDepth = 64;  // customer trees deeper than this are refused

}  // namespace

Result<std::vector<std::string>> Superiors(StoreTx& tx, const std::string& customer_id) {
  std::vector<std::string> chain;
  LICENSOR_ASSIGN_OR_RETURN(Customer c, Require(tx.GetCustomer(customer_id), "customer"));
  while (c.parent_id) {
    if (chain.size() == kMaxDepth) return Status::Conflict("the customer tree is too deep");
    chain.push_back(*c.parent_id);
    LICENSOR_ASSIGN_OR_RETURN(c, Require(tx.GetCustomer(*c.parent_id), "customer"));
  }
  return chain;
}

Result<std::vector<std::string>> Subtree(StoreTx& tx, const std::string& root) {
  std::vector<std::string> out = {root};
  for (std::size_t i = 0; i < out.size(); ++i) {
    PageRequest page{0, kMaxPageSize};
    for (;;) {
      LICENSOR_ASSIGN_OR_RETURN(const auto children, tx.ListCustomers(out[i], page));
      for (const auto& c : children.items) out.push_back(c.id);
      if (!children.next_after_seq) break;
      page.after_seq = *children.next_after_seq;
    }
  }
  return out;
}

Result<CustomerScope> ScopeOf(StoreTx& tx, const std::optional<std::string>& actor_customer) {
  if (!actor_customer) return CustomerScope();
  LICENSOR_ASSIGN_OR_RETURN(auto subtree, Subtree(tx, *actor_customer));
  return CustomerScope(std::move(subtree));
}

Result<CustomerScope> Narrow(StoreTx& tx, CustomerScope scope,
                             const std::optional<std::string>& customer_id) {
  if (!customer_id) return scope;
  if (scope) {
    if (std::find(scope->begin(), scope->end(), *customer_id) == scope->end()) {
      return Status::NotFound("customer not found");
    }
  } else {
    LICENSOR_RETURN_IF_ERROR(Require(tx.GetCustomer(*customer_id), "customer").status());
  }
  return CustomerScope(std::vector<std::string>{*customer_id});
}

Result<cards::Access> CustomerAccess(StoreTx& tx, const std::optional<std::string>& actor_customer,
                                     const std::string& owner) {
  if (!actor_customer) return cards::Access::kView;  // the vendor sees, customers operate
  LICENSOR_ASSIGN_OR_RETURN(const auto customer, Require(tx.GetCustomer(owner), "customer"));
  LICENSOR_ASSIGN_OR_RETURN(const auto chain, Superiors(tx, owner));
  return cards::AccessTo(*actor_customer, owner, chain, customer.allow_superior_manage_licenses);
}

}  // namespace licensor::core
