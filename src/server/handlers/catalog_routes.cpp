// /v1/products, /v1/customers (with each customer's overview), /v1/policies.
#include "core/policy_fields.hpp"
#include "server/app.hpp"
#include "server/handlers/card_statistics.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {
namespace {

using core::Permission;

// A customer's page: what it holds of every model, each list with whether it shows all.
// `shown`: whether the caller may see the licenses' credentials.
Json OverviewJson(const core::CustomerOverview& o, Json cards, core::Credentials shown) {
  Json licenses = Json::array();
  for (const auto& h : o.licenses) {
    Json machines = Json::array();
    for (const auto& m : h.machines) {
      machines.push_back(core::ToJson(m.activation, m.alive, shown));
    }
    licenses.push_back({{"license", core::ToJson(h.license, shown)},
                        {"policy_name", h.policy_name},
                        {"machines", std::move(machines)},
                        {"more_machines", h.more_machines}});
  }
  Json installations = Json::array();
  for (const auto& i : o.installations) installations.push_back(core::ToJson(i));
  Json sub_customers = Json::array();
  for (const auto& c : o.sub_customers) sub_customers.push_back(core::ToJson(c));
  return {
      {"customer", core::ToJson(o.customer)},       {"licenses", std::move(licenses)},
      {"more_licenses", o.more_licenses},           {"installations", std::move(installations)},
      {"more_installations", o.more_installations}, {"cards", std::move(cards)},
      {"sub_customers", std::move(sub_customers)},  {"more_sub_customers", o.more_sub_customers}};
}

Status ApplyProductFields(const Json& body, core::Product& p) {
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(body, {"name"}));
  LICENSOR_ASSIGN_OR_RETURN(const auto name, OptionalString(body, "name", kMaxNameLength));
  if (name) p.name = *name;
  return Status::Ok();
}

Status ApplyCustomerFields(const Json& body, core::Customer& c) {
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(body, {"name", "email", "parent_id"}));
  LICENSOR_ASSIGN_OR_RETURN(const auto name, OptionalString(body, "name", kMaxNameLength));
  LICENSOR_ASSIGN_OR_RETURN(const auto email, OptionalString(body, "email", 320));
  LICENSOR_ASSIGN_OR_RETURN(const auto parent, NullableString(body, "parent_id", 64));
  if (name) c.name = *name;
  if (email) c.email = *email;
  if (parent) c.parent_id = *parent;
  return Status::Ok();
}

void RegisterProducts(Router& router, Services& s) {
  router.Add({"POST", "/v1/products", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                core::Product p;
                LICENSOR_RETURN_IF_ERROR(ApplyProductFields(ctx.body, p));
                LICENSOR_ASSIGN_OR_RETURN(p, s.catalog.CreateProduct(ctx.Actor(), p));
                return Created(core::ToJson(p));
              }});
  router.Add({"GET", "/v1/products", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const auto items, s.catalog.ListProducts(page));
                return ListReply(items, [](const core::Product& p) { return core::ToJson(p); });
              }});
  router.Add({"GET", "/v1/products/{id}", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto p, s.catalog.GetProduct(ctx.Param("id")));
                return Ok(core::ToJson(p));
              }});
  router.Add({"PATCH", "/v1/products/{id}", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto p,
                    s.catalog.UpdateProduct(ctx.Actor(), ctx.Param("id"), [&](core::Product& p) {
                      return ApplyProductFields(ctx.body, p);
                    }));
                return Ok(core::ToJson(p));
              }});
  router.Add({"DELETE", "/v1/products/{id}", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(s.catalog.DeleteProduct(ctx.Actor(), ctx.Param("id")));
                return NoContent();
              }});
}

void RegisterCustomers(Router& router, Services& s) {
  router.Add({"POST", "/v1/customers", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                core::Customer c;
                LICENSOR_RETURN_IF_ERROR(ApplyCustomerFields(ctx.body, c));
                LICENSOR_ASSIGN_OR_RETURN(c, s.catalog.CreateCustomer(ctx.Actor(), c));
                return Created(core::ToJson(c));
              }});
  router.Add({"GET", "/v1/customers", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto items, s.catalog.ListCustomers(QueryParam(ctx, "parent_id"), page));
                return ListReply(items, [](const core::Customer& c) { return core::ToJson(c); });
              }});
  router.Add({"GET", "/v1/customers/{id}", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto c, s.catalog.GetCustomer(ctx.Param("id")));
                return Ok(core::ToJson(c));
              }});
  router.Add(
      {"GET", "/v1/customers/{id}/overview", Access::kSignedIn, Permission::kReadCustomerOverview,
       [&s](RequestContext& ctx) -> Result<Reply> {
         const auto actor_customer = ctx.principal ? ctx.principal->customer_id : std::nullopt;
         LICENSOR_ASSIGN_OR_RETURN(const auto o, s.overview.Read(actor_customer, ctx.Param("id")));
         LICENSOR_ASSIGN_OR_RETURN(auto cards, CardStatisticsJson(s, o.card_counts, o.customer.id));
         return Ok(
             OverviewJson(o, std::move(cards), core::CredentialsFor(*ctx.principal, o.access)));
       }});
  router.Add({"PATCH", "/v1/customers/{id}", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto c,
                    s.catalog.UpdateCustomer(ctx.Actor(), ctx.Param("id"), [&](core::Customer& c) {
                      return ApplyCustomerFields(ctx.body, c);
                    }));
                return Ok(core::ToJson(c));
              }});
  router.Add({"DELETE", "/v1/customers/{id}", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(s.catalog.DeleteCustomer(ctx.Actor(), ctx.Param("id")));
                return NoContent();
              }});
}

void RegisterPolicies(Router& router, Services& s) {
  router.Add({"POST", "/v1/policies", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                core::Policy p;
                LICENSOR_RETURN_IF_ERROR(core::ApplyFields(core::PolicyFields(), ctx.body, p));
                if (p.product_id.empty())
                  return Status::InvalidField("field 'product_id' is required");
                LICENSOR_ASSIGN_OR_RETURN(p, s.catalog.CreatePolicy(ctx.Actor(), p));
                return Created(core::ToJson(p));
              }});
  router.Add(
      {"GET", "/v1/policies", Access::kSignedIn, Permission::kRead,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
         const core::PolicyFilter filter{QueryParam(ctx, "product_id"), QueryParam(ctx, "sku")};
         LICENSOR_ASSIGN_OR_RETURN(const auto items, s.catalog.ListPolicies(filter, page));
         return ListReply(items, [](const core::Policy& p) { return core::ToJson(p); });
       }});
  router.Add({"GET", "/v1/policies/{id}", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto p, s.catalog.GetPolicy(ctx.Param("id")));
                return Ok(core::ToJson(p));
              }});
  router.Add({"PATCH", "/v1/policies/{id}", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto p,
                    s.catalog.UpdatePolicy(ctx.Actor(), ctx.Param("id"), [&](core::Policy& p) {
                      return core::ApplyFields(core::PolicyFields(), ctx.body, p);
                    }));
                return Ok(core::ToJson(p));
              }});
  router.Add({"DELETE", "/v1/policies/{id}", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(s.catalog.DeletePolicy(ctx.Actor(), ctx.Param("id")));
                return NoContent();
              }});
}

}  // namespace

void RegisterCatalogRoutes(Router& router, Services& services) {
  RegisterProducts(router, services);
  RegisterCustomers(router, services);
  RegisterPolicies(router, services);
}

}  // namespace licensor::server
