// The catalogue's part of a store transaction: API tokens, products, customers, policies, and
// the audit log every change writes to.
#pragma once

#include <optional>
#include <string>

#include "core/entities.hpp"
#include "core/store_basics.hpp"

namespace licensor::core {

// Which policies to list; unset fields do not filter.
struct PolicyFilter {
  std::optional<std::string> product_id;
  std::optional<std::string> sku;  // the policies a shop or billing system knows by this SKU
};

struct EventFilter {
  std::optional<std::string> resource_type;
  std::optional<std::string> resource_id;
  std::optional<UnixSeconds> since;
  std::optional<UnixSeconds> until;
  std::optional<std::string> action;  // exactly, as "license.updated"
  std::optional<std::string> actor;   // a token or user id, `system` or `client`
};

class CatalogTx {
 public:
  virtual ~CatalogTx() = default;

  virtual Status InsertToken(const ApiToken& token) = 0;
  virtual Status UpdateToken(const ApiToken& token) = 0;
  virtual Result<std::optional<ApiToken>> GetToken(const std::string& id) = 0;
  virtual Result<std::optional<ApiToken>> FindTokenByHash(const std::string& hash) = 0;
  virtual Result<Page<ApiToken>> ListTokens(const PageRequest& page) = 0;

  virtual Status InsertProduct(const Product& product) = 0;
  virtual Status UpdateProduct(const Product& product) = 0;
  virtual Status DeleteProduct(const std::string& id) = 0;
  virtual Result<std::optional<Product>> GetProduct(const std::string& id) = 0;
  virtual Result<Page<Product>> ListProducts(const PageRequest& page) = 0;

  virtual Status InsertCustomer(const Customer& customer) = 0;
  virtual Status UpdateCustomer(const Customer& customer) = 0;
  virtual Status DeleteCustomer(const std::string& id) = 0;
  virtual Result<std::optional<Customer>> GetCustomer(const std::string& id) = 0;
  virtual Result<Page<Customer>> ListCustomers(const std::optional<std::string>& parent_id,
                                               const PageRequest& page) = 0;
  virtual Result<std::int64_t> CountChildCustomers(const std::string& id) = 0;

  virtual Status InsertPolicy(const Policy& policy) = 0;
  virtual Status UpdatePolicy(const Policy& policy) = 0;
  virtual Status DeletePolicy(const std::string& id) = 0;
  virtual Result<std::optional<Policy>> GetPolicy(const std::string& id) = 0;
  virtual Result<Page<Policy>> ListPolicies(const PolicyFilter& filter,
                                            const PageRequest& page) = 0;
  virtual Result<std::int64_t> CountPolicies(const std::string& product_id) = 0;

  virtual Status AppendEvent(Event& event) = 0;  // assigns event.seq
  virtual Result<Page<Event>> ListEvents(const EventFilter& filter, const PageRequest& page) = 0;
};

}  // namespace licensor::core
