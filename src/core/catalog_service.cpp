// Catalogue use cases. Each runs in one store transaction together with its audit event.
#include "core/catalog_service.hpp"

#include <set>

#include "common/text.hpp"
#include "core/audit.hpp"
#include "core/policy_fields.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

Status ValidateName(const std::string& name, const char* field) {
  return CheckTextLength(name, field, 1, kMaxNameLength);
}

}  // namespace

// The limits of each field are in its table; what is left are the rules between fields.
Status ValidatePolicy(const Policy& p) {
  LICENSOR_RETURN_IF_ERROR(CheckFields(PolicyFields(), p));
  const auto& rule = p.fingerprint_rule;
  if (rule.min_matching < 0 || rule.min_matching > static_cast<int>(rule.components.size())) {
    return Status::InvalidField(
        "fingerprint_rule.min_matching must be between 0 and the number of components");
  }
  if (std::set<std::string>(rule.components.begin(), rule.components.end()).size() !=
      rule.components.size()) {
    return Status::InvalidField("fingerprint_rule.components must not repeat a name");
  }
  return Status::Ok();
}

// ---- products ----

Result<Product> CatalogService::CreateProduct(const Actor& actor, Product p) {
  LICENSOR_RETURN_IF_ERROR(ValidateName(p.name, "name"));
  p.id = crypto::NewId("prod");
  p.created_at = p.updated_at = clock_.Now();
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    LICENSOR_RETURN_IF_ERROR(tx.InsertProduct(p));
    return RecordEvent(tx, p.created_at, actor, "product.created", "product", p.id, nullptr,
                       ToJson(p));
  }));
  return p;
}

Result<Product> CatalogService::GetProduct(const std::string& id) {
  return ReadValue<Product>(store_,
                            [&](StoreTx& tx) { return Require(tx.GetProduct(id), "product"); });
}

Result<Page<Product>> CatalogService::ListProducts(const PageRequest& page) {
  return ReadValue<Page<Product>>(store_, [&](StoreTx& tx) { return tx.ListProducts(page); });
}

Result<Product> CatalogService::UpdateProduct(const Actor& actor, const std::string& id,
                                              const std::function<Status(Product&)>& apply) {
  Product p;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(p, Require(tx.GetProduct(id), "product"));
    const Json before = ToJson(p);
    LICENSOR_RETURN_IF_ERROR(apply(p));
    LICENSOR_RETURN_IF_ERROR(ValidateName(p.name, "name"));
    p.updated_at = clock_.Now();
    LICENSOR_RETURN_IF_ERROR(tx.UpdateProduct(p));
    return RecordEvent(tx, p.updated_at, actor, "product.updated", "product", id, before,
                       ToJson(p));
  }));
  return p;
}

Status CatalogService::DeleteProduct(const Actor& actor, const std::string& id) {
  return store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(const Product p, Require(tx.GetProduct(id), "product"));
    LICENSOR_ASSIGN_OR_RETURN(const auto policies, tx.CountPolicies(id));
    if (policies > 0) return Status::Conflict("the product still has policies; delete them first");
    LICENSOR_RETURN_IF_ERROR(tx.DeleteProduct(id));
    return RecordEvent(tx, clock_.Now(), actor, "product.deleted", "product", id, ToJson(p),
                       nullptr);
  });
}

// ---- customers ----

namespace {

// A customer's parent must exist and must not be the customer itself or one of its descendants.
Status CheckParent(StoreTx& tx, const Customer& c) {
  if (!c.parent_id) return Status::Ok();
  std::optional<std::string> cursor = c.parent_id;
  for (int depth = 0; cursor; ++depth) {
    if (*cursor == c.id) return Status::InvalidField("parent_id would make a cycle");
    if (depth > 64) return Status::InvalidField("parent_id: hierarchy deeper than 64 levels");
    LICENSOR_ASSIGN_OR_RETURN(const auto parent, tx.GetCustomer(*cursor));
    if (!parent) {
      return depth == 0 ? Status::InvalidField("parent_id does not name an existing customer")
                        : Status::Internal("customer hierarchy is broken at " + *cursor);
    }
    cursor = parent->parent_id;
  }
  return Status::Ok();
}

Status ValidateCustomer(const Customer& c) {
  LICENSOR_RETURN_IF_ERROR(ValidateName(c.name, "name"));
  LICENSOR_RETURN_IF_ERROR(CheckTextLength(c.email, "email", 0, 320));
  return Status::Ok();
}

}  // namespace

Result<Customer> CatalogService::CreateCustomer(const Actor& actor, Customer c) {
  LICENSOR_RETURN_IF_ERROR(ValidateCustomer(c));
  c.id = crypto::NewId("cust");
  c.created_at = c.updated_at = clock_.Now();
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    LICENSOR_RETURN_IF_ERROR(CheckParent(tx, c));
    LICENSOR_RETURN_IF_ERROR(tx.InsertCustomer(c));
    return RecordEvent(tx, c.created_at, actor, "customer.created", "customer", c.id, nullptr,
                       ToJson(c));
  }));
  return c;
}

Result<Customer> CatalogService::GetCustomer(const std::string& id) {
  return ReadValue<Customer>(store_,
                             [&](StoreTx& tx) { return Require(tx.GetCustomer(id), "customer"); });
}

Result<Page<Customer>> CatalogService::ListCustomers(const std::optional<std::string>& parent_id,
                                                     const PageRequest& page) {
  return ReadValue<Page<Customer>>(store_,
                                   [&](StoreTx& tx) { return tx.ListCustomers(parent_id, page); });
}

Result<Customer> CatalogService::UpdateCustomer(const Actor& actor, const std::string& id,
                                                const std::function<Status(Customer&)>& apply) {
  Customer c;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(c, Require(tx.GetCustomer(id), "customer"));
    const Json before = ToJson(c);
    LICENSOR_RETURN_IF_ERROR(apply(c));
    LICENSOR_RETURN_IF_ERROR(ValidateCustomer(c));
    LICENSOR_RETURN_IF_ERROR(CheckParent(tx, c));
    c.updated_at = clock_.Now();
    LICENSOR_RETURN_IF_ERROR(tx.UpdateCustomer(c));
    return RecordEvent(tx, c.updated_at, actor, "customer.updated", "customer", id, before,
                       ToJson(c));
  }));
  return c;
}

Status CatalogService::DeleteCustomer(const Actor& actor, const std::string& id) {
  return store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(const Customer c, Require(tx.GetCustomer(id), "customer"));
    LICENSOR_ASSIGN_OR_RETURN(const auto children, tx.CountChildCustomers(id));
    LicenseFilter filter;
    filter.customer_id = id;
    LICENSOR_ASSIGN_OR_RETURN(const auto licenses, tx.CountLicenses(filter));
    if (children > 0 || licenses > 0) {
      return Status::Conflict("the customer still has sub-customers or licenses");
    }
    LICENSOR_RETURN_IF_ERROR(tx.DeleteCustomer(id));
    return RecordEvent(tx, clock_.Now(), actor, "customer.deleted", "customer", id, ToJson(c),
                       nullptr);
  });
}

// ---- policies ----

Result<Policy> CatalogService::CreatePolicy(const Actor& actor, Policy p) {
  LICENSOR_RETURN_IF_ERROR(ValidatePolicy(p));
  p.id = crypto::NewId("pol");
  p.created_at = p.updated_at = clock_.Now();
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(const auto product, tx.GetProduct(p.product_id));
    if (!product) return Status::InvalidField("product_id does not name an existing product");
    LICENSOR_RETURN_IF_ERROR(tx.InsertPolicy(p));
    return RecordEvent(tx, p.created_at, actor, "policy.created", "policy", p.id, nullptr,
                       ToJson(p));
  }));
  return p;
}

Result<Policy> CatalogService::GetPolicy(const std::string& id) {
  return ReadValue<Policy>(store_,
                           [&](StoreTx& tx) { return Require(tx.GetPolicy(id), "policy"); });
}

Result<Page<Policy>> CatalogService::ListPolicies(const PolicyFilter& filter,
                                                  const PageRequest& page) {
  return ReadValue<Page<Policy>>(store_,
                                 [&](StoreTx& tx) { return tx.ListPolicies(filter, page); });
}

Result<Policy> CatalogService::UpdatePolicy(const Actor& actor, const std::string& id,
                                            const std::function<Status(Policy&)>& apply) {
  Policy p;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(p, Require(tx.GetPolicy(id), "policy"));
    const Json before = ToJson(p);
    const std::string product_id = p.product_id;
    LICENSOR_RETURN_IF_ERROR(apply(p));
    if (p.product_id != product_id) return Status::InvalidField("product_id cannot be changed");
    LICENSOR_RETURN_IF_ERROR(ValidatePolicy(p));
    p.updated_at = clock_.Now();
    LICENSOR_RETURN_IF_ERROR(tx.UpdatePolicy(p));
    return RecordEvent(tx, p.updated_at, actor, "policy.updated", "policy", id, before, ToJson(p));
  }));
  return p;
}

Status CatalogService::DeletePolicy(const Actor& actor, const std::string& id) {
  return store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(const Policy p, Require(tx.GetPolicy(id), "policy"));
    LicenseFilter filter;
    filter.policy_id = id;
    LICENSOR_ASSIGN_OR_RETURN(const auto licenses, tx.CountLicenses(filter));
    if (licenses > 0) return Status::Conflict("licenses were issued from this policy");
    LICENSOR_RETURN_IF_ERROR(tx.DeletePolicy(id));
    return RecordEvent(tx, clock_.Now(), actor, "policy.deleted", "policy", id, ToJson(p), nullptr);
  });
}

}  // namespace licensor::core
