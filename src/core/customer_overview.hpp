// Everything one customer holds, of every licensing model, for its page: its activation-code
// licenses with their machines, its installations, its day-cards counted by type and status,
// and its sub-customers. The vendor's callers read any customer's; a customer's own users read
// their customer's and those below it (customer_scope.hpp). Each list is bounded, and says
// when there is more than it shows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/card_rules.hpp"
#include "core/license_service.hpp"
#include "core/store.hpp"

namespace licensor::core {

struct LicenseHolding {
  License license;
  std::string policy_name;
  std::vector<ActivationView> machines;  // the first kMachinesShown, in activation order
  bool more_machines = false;
};

struct CustomerOverview {
  Customer customer;
  cards::Access access = cards::Access::kNone;  // what the caller may do with its holdings
  std::vector<LicenseHolding> licenses;
  bool more_licenses = false;
  std::vector<Installation> installations;
  bool more_installations = false;
  std::vector<CardCount> card_counts;
  std::vector<Customer> sub_customers;
  bool more_sub_customers = false;
};

class CustomerOverviewService {
 public:
  // What one overview shows of each list at most; the full lists have their own pages.
  static constexpr int kLicensesShown = 50;
  static constexpr int kMachinesShown = 50;
  static constexpr int kInstallationsShown = 50;
  static constexpr int kSubCustomersShown = 100;

  CustomerOverviewService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // kNotFound for a customer that does not exist or that the caller may not see.
  Result<CustomerOverview> Read(const std::optional<std::string>& actor_customer,
                                const std::string& customer_id);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace licensor::core
