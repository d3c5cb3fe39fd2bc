// Products, customers and policies: the catalogue licenses are issued from.
#pragma once

#include <functional>
#include <string>

#include "common/clock.hpp"
#include "core/store.hpp"

namespace licensor::core {

// Rules a policy must satisfy; the message names the offending field.
Status ValidatePolicy(const Policy& policy);

class CatalogService {
 public:
  CatalogService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Each Update* loads the current value, lets `apply` change it, validates and saves it, in
  // one transaction; `apply` may fail with an InvalidField status.
  Result<Product> CreateProduct(const Actor& actor, Product draft);
  Result<Product> GetProduct(const std::string& id);
  Result<Page<Product>> ListProducts(const PageRequest& page);
  Result<Product> UpdateProduct(const Actor& actor, const std::string& id,
                                const std::function<Status(Product&)>& apply);
  Status DeleteProduct(const Actor& actor, const std::string& id);

  Result<Customer> CreateCustomer(const Actor& actor, Customer draft);
  Result<Customer> GetCustomer(const std::string& id);
  Result<Page<Customer>> ListCustomers(const std::optional<std::string>& parent_id,
                                       const PageRequest& page);
  Result<Customer> UpdateCustomer(const Actor& actor, const std::string& id,
                                  const std::function<Status(Customer&)>& apply);
  Status DeleteCustomer(const Actor& actor, const std::string& id);

  Result<Policy> CreatePolicy(const Actor& actor, Policy draft);
  Result<Policy> GetPolicy(const std::string& id);
  Result<Page<Policy>> ListPolicies(const PolicyFilter& filter, const PageRequest& page);
  // Changing a policy affects licenses issued afterwards; issued licenses keep their terms.
  Result<Policy> UpdatePolicy(const Actor& actor, const std::string& id,
                              const std::function<Status(Policy&)>& apply);
  Status DeletePolicy(const Actor& actor, const std::string& id);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace licensor::core
