#include "core/customer_overview.hpp"

#include <map>

#include "core/customer_scope.hpp"
#include "core/validation.hpp"

namespace licensor::core {
namespace {

// The first `shown` items of a list, and whether there are more: one item more is read.
template <typename T>
bool Bound(std::vector<T>& items, int shown) {
  if (items.size() <= static_cast<std::size_t>(shown)) return false;
  items.resize(static_cast<std::size_t>(shown));
  return true;
}

// `policies` keeps each policy read once: a customer's licenses mostly share a few.
Result<LicenseHolding> HoldingOf(StoreTx& tx, License license, UnixSeconds now,
                                 std::map<std::string, Policy>& policies) {
  LicenseHolding holding;
  auto known = policies.find(license.policy_id);
  if (known == policies.end()) {
    LICENSOR_ASSIGN_OR_RETURN(Policy read, Require(tx.GetPolicy(license.policy_id), "policy"));
    known = policies.emplace(license.policy_id, std::move(read)).first;
  }
  const Policy& policy = known->second;
  holding.policy_name = policy.name;
  LICENSOR_ASSIGN_OR_RETURN(
      auto machines,
      tx.ListActivationPage(license.id, ActivationFilter{},
                            PageRequest{0, CustomerOverviewService::kMachinesShown + 1}));
  holding.more_machines = Bound(machines.items, CustomerOverviewService::kMachinesShown);
  for (auto& a : machines.items) {
    const bool alive = IsAlive(a, policy, now);
    holding.machines.push_back(ActivationView{std::move(a), alive});
  }
  holding.license = std::move(license);
  return holding;
}

}  // namespace

Result<CustomerOverview> CustomerOverviewService::Read(
    const std::optional<std::string>& actor_customer, const std::string& customer_id) {
  CustomerOverview out;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    out = CustomerOverview{};
    LICENSOR_ASSIGN_OR_RETURN(out.customer, Require(tx.GetCustomer(customer_id), "customer"));
    LICENSOR_ASSIGN_OR_RETURN(out.access, CustomerAccess(tx, actor_customer, customer_id));
    if (out.access == cards::Access::kNone) return Status::NotFound("customer not found");
    const UnixSeconds now = clock_.Now();

    LicenseFilter licenses;
    licenses.customer_id = customer_id;
    LICENSOR_ASSIGN_OR_RETURN(auto page,
                              tx.ListLicenses(licenses, PageRequest{0, kLicensesShown + 1}));
    out.more_licenses = Bound(page.items, kLicensesShown);
    std::map<std::string, Policy> policies;
    for (auto& license : page.items) {
      LICENSOR_ASSIGN_OR_RETURN(auto holding, HoldingOf(tx, std::move(license), now, policies));
      out.licenses.push_back(std::move(holding));
    }

    LICENSOR_ASSIGN_OR_RETURN(auto installations,
                              tx.ListInstallations(customer_id, {0, kInstallationsShown + 1}));
    out.more_installations = Bound(installations.items, kInstallationsShown);
    out.installations = std::move(installations.items);

    LICENSOR_ASSIGN_OR_RETURN(out.card_counts,
                              tx.CountCards(std::vector<std::string>{customer_id}));

    LICENSOR_ASSIGN_OR_RETURN(auto children,
                              tx.ListCustomers(customer_id, {0, kSubCustomersShown + 1}));
    out.more_sub_customers = Bound(children.items, kSubCustomersShown);
    out.sub_customers = std::move(children.items);
    return Status::Ok();
  }));
  return out;
}

}  // namespace licensor::core
