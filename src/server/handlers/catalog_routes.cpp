// /v1/products, /v1/customers (with each customer's overview), /v1/policies.
#include "server/app.hpp"
#include "server/handlers/card_statistics.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {
namespace {

using core::Permission;

// A customer's page: what it holds of every model, each list with whether it shows all.
Json OverviewJson(const core::CustomerOverview& o, Json cards) {
  Json licenses = Json::array();
  for (const auto& h : o.licenses) {
    Json machines = Json::array();
    for (const auto& m : h.machines) machines.push_back(core::ToJson(m.activation, m.alive));
    licenses.push_back({{"license", core::ToJson(h.license)},
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
  LICENSOR_ASSIGN_OR_RETURN(const auto name, OptionalString(body, "name", 200));
  if (name) p.name = *name;
  return Status::Ok();
}

Status ApplyCustomerFields(const Json& body, core::Customer& c) {
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(body, {"name", "email", "parent_id"}));
  LICENSOR_ASSIGN_OR_RETURN(const auto name, OptionalString(body, "name", 200));
  LICENSOR_ASSIGN_OR_RETURN(const auto email, OptionalString(body, "email", 320));
  LICENSOR_ASSIGN_OR_RETURN(const auto parent, NullableString(body, "parent_id", 64));
  if (name) c.name = *name;
  if (email) c.email = *email;
  if (parent) c.parent_id = *parent;
  return Status::Ok();
}

// Applies the policy fields present in `body`; used for creation (on defaults) and PATCH.
Status ApplyPolicyFields(const Json& body, core::Policy& p) {
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(
      body,
      {"product_id", "name", "description", "duration_days", "validity_basis", "max_activations",
       "features", "deployment_mode", "trial", "heartbeat_interval_s", "heartbeat_grace_s",
       "offline_grace_s", "dead_activation", "fingerprint_rule", "expiry_grace_days"}));
  LICENSOR_ASSIGN_OR_RETURN(const auto product_id, OptionalString(body, "product_id", 64));
  LICENSOR_ASSIGN_OR_RETURN(const auto name, OptionalString(body, "name", 200));
  LICENSOR_ASSIGN_OR_RETURN(const auto description, OptionalString(body, "description", 500));
  LICENSOR_ASSIGN_OR_RETURN(const auto duration, NullableInt(body, "duration_days", 1, 36500));
  LICENSOR_ASSIGN_OR_RETURN(const auto basis, OptionalString(body, "validity_basis", 32));
  LICENSOR_ASSIGN_OR_RETURN(const auto cap, OptionalInt(body, "max_activations", 1, 1'000'000));
  LICENSOR_ASSIGN_OR_RETURN(const auto features, OptionalStringList(body, "features", 200, 64));
  LICENSOR_ASSIGN_OR_RETURN(const auto mode, OptionalString(body, "deployment_mode", 32));
  LICENSOR_ASSIGN_OR_RETURN(const auto trial, OptionalBool(body, "trial"));
  LICENSOR_ASSIGN_OR_RETURN(const auto interval,
                            NullableInt(body, "heartbeat_interval_s", 10, 31'536'000));
  LICENSOR_ASSIGN_OR_RETURN(const auto grace,
                            OptionalInt(body, "heartbeat_grace_s", 0, 31'536'000));
  LICENSOR_ASSIGN_OR_RETURN(const auto offline_grace,
                            NullableInt(body, "offline_grace_s", 0, 31'536'000));
  LICENSOR_ASSIGN_OR_RETURN(const auto dead, OptionalString(body, "dead_activation", 32));
  LICENSOR_ASSIGN_OR_RETURN(const auto expiry_grace,
                            OptionalInt(body, "expiry_grace_days", 0, 365));
  if (product_id) p.product_id = *product_id;
  if (name) p.name = *name;
  if (description) p.description = *description;
  if (duration) p.duration_days = *duration;
  if (basis) {
    const auto parsed = core::ParseValidityBasis(*basis);
    if (!parsed) {
      return Status::InvalidField(
          "field 'validity_basis' must be FROM_CREATION or FROM_FIRST_ACTIVATION");
    }
    p.validity_basis = *parsed;
  }
  if (cap) p.max_activations = static_cast<int>(*cap);
  if (features) p.features = *features;
  if (mode) {
    const auto parsed = core::ParseDeploymentMode(*mode);
    if (!parsed) {
      return Status::InvalidField("field 'deployment_mode' must be ONLINE, OFFLINE or HYBRID");
    }
    p.deployment_mode = *parsed;
  }
  if (trial) p.trial = *trial;
  if (interval) p.heartbeat_interval_s = *interval;
  if (grace) p.heartbeat_grace_s = *grace;
  if (offline_grace) p.offline_grace_s = *offline_grace;
  if (dead) {
    const auto parsed = core::ParseDeadActivationAction(*dead);
    if (!parsed) return Status::InvalidField("field 'dead_activation' must be KEEP or RELEASE");
    p.dead_activation = *parsed;
  }
  if (expiry_grace) p.expiry_grace_days = *expiry_grace;
  if (const auto it = body.find("fingerprint_rule"); it != body.end()) {
    if (!it->is_object()) return Status::InvalidField("field 'fingerprint_rule' must be an object");
    LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(*it, {"components", "min_matching"}));
    LICENSOR_ASSIGN_OR_RETURN(const auto components, OptionalStringList(*it, "components", 16, 64));
    LICENSOR_ASSIGN_OR_RETURN(const auto min_matching, OptionalInt(*it, "min_matching", 0, 16));
    p.fingerprint_rule.components = components.value_or(std::vector<std::string>{});
    p.fingerprint_rule.min_matching = static_cast<int>(min_matching.value_or(0));
  }
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
         return Ok(OverviewJson(o, std::move(cards)));
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
                LICENSOR_RETURN_IF_ERROR(ApplyPolicyFields(ctx.body, p));
                if (p.product_id.empty())
                  return Status::InvalidField("field 'product_id' is required");
                LICENSOR_ASSIGN_OR_RETURN(p, s.catalog.CreatePolicy(ctx.Actor(), p));
                return Created(core::ToJson(p));
              }});
  router.Add({"GET", "/v1/policies", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto items, s.catalog.ListPolicies(QueryParam(ctx, "product_id"), page));
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
                      return ApplyPolicyFields(ctx.body, p);
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
