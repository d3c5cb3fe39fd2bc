// /v1/licenses and /v1/activations.
#include "common/license_terms.hpp"
#include "common/text.hpp"
#include "common/time_format.hpp"
#include "server/app.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {
namespace {

using core::Permission;

// A license as GET /v1/licenses/{id} shows it: with its activation progress, "n/max". Its
// activations are listed, a page at a time, by GET /v1/licenses/{id}/activations.
Json LicenseJson(const core::License& license, core::Credentials shown) {
  Json body = core::ToJson(license, shown);
  body["activation_progress"] =
      std::to_string(license.activations_count) + "/" + std::to_string(license.max_activations);
  return body;
}

Result<core::ActivationFilter> ActivationFilterFrom(const RequestContext& ctx) {
  core::ActivationFilter filter;
  LICENSOR_ASSIGN_OR_RETURN(filter.alive, OptionalFlagParam(ctx, "alive"));
  LICENSOR_ASSIGN_OR_RETURN(filter.offline, OptionalFlagParam(ctx, "offline"));
  filter.fingerprint = QueryParam(ctx, "fingerprint");
  filter.hostname = QueryParam(ctx, "hostname");
  return filter;
}

// `now` makes "expiring within N days" a time.
Result<core::LicenseFilter> FilterFrom(const RequestContext& ctx, UnixSeconds now) {
  core::LicenseFilter filter;
  if (const auto code = QueryParam(ctx, "code")) filter.code = CanonicalLicenseCode(*code);
  LICENSOR_ASSIGN_OR_RETURN(const auto within,
                            IntParam(ctx, "expires_within_days", 0, kMaxDurationDays));
  if (within) filter.expires_by = now + *within * kSecondsPerDay;
  filter.customer_id = QueryParam(ctx, "customer_id");
  filter.policy_id = QueryParam(ctx, "policy_id");
  filter.product_id = QueryParam(ctx, "product_id");
  if (const auto status = QueryParam(ctx, "status")) {
    filter.status = core::ParseLicenseStatus(*status);
    if (!filter.status) {
      return Status::InvalidField(
          "query parameter 'status' must be ACTIVE, SUSPENDED, REVOKED or EXPIRED");
    }
  }
  return filter;
}

Result<core::IssueLicenseRequest> IssueRequestFrom(const Json& body) {
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(
      body, {"policy_id", "customer_id", "expires_at", "max_activations", "features"}));
  core::IssueLicenseRequest req;
  LICENSOR_ASSIGN_OR_RETURN(req.policy_id, RequiredString(body, "policy_id", 64));
  LICENSOR_ASSIGN_OR_RETURN(req.customer_id, RequiredString(body, "customer_id", 64));
  LICENSOR_ASSIGN_OR_RETURN(req.expires_at, NullableTime(body, "expires_at"));
  LICENSOR_ASSIGN_OR_RETURN(const auto cap,
                            OptionalInt(body, "max_activations", 1, kMaxActivations));
  if (cap) req.max_activations = static_cast<int>(*cap);
  LICENSOR_ASSIGN_OR_RETURN(req.features,
                            OptionalStringList(body, "features", kMaxFeatures, kMaxFeatureLength));
  return req;
}

Result<core::LicenseChanges> ChangesFrom(const Json& body) {
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(
      body, {"policy_id", "duration_days", "expires_at", "max_activations", "features"}));
  core::LicenseChanges changes;
  LICENSOR_ASSIGN_OR_RETURN(changes.policy_id, OptionalString(body, "policy_id", 64));
  LICENSOR_ASSIGN_OR_RETURN(changes.duration_days,
                            NullableInt(body, "duration_days", 1, kMaxDurationDays));
  LICENSOR_ASSIGN_OR_RETURN(changes.expires_at, NullableTime(body, "expires_at"));
  LICENSOR_ASSIGN_OR_RETURN(const auto cap,
                            OptionalInt(body, "max_activations", 1, kMaxActivations));
  if (cap) changes.max_activations = static_cast<int>(*cap);
  LICENSOR_ASSIGN_OR_RETURN(changes.features,
                            OptionalStringList(body, "features", kMaxFeatures, kMaxFeatureLength));
  if (!changes.policy_id && !changes.duration_days && !changes.expires_at &&
      !changes.max_activations && !changes.features) {
    return Status::InvalidField(
        "nothing to change: send policy_id, duration_days, expires_at, max_activations or "
        "features");
  }
  return changes;
}

}  // namespace

void RegisterLicenseRoutes(Router& router, Services& s) {
  router.Add({"POST", "/v1/licenses", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto req, IssueRequestFrom(ctx.body));
                LICENSOR_ASSIGN_OR_RETURN(const auto license, s.licenses.Issue(ctx.Actor(), req));
                return Created(core::ToJson(license));
              }});
  router.Add({"GET", "/v1/licenses", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const auto filter, FilterFrom(ctx, s.clock.Now()));
                LICENSOR_ASSIGN_OR_RETURN(const auto items, s.licenses.List(filter, page));
                const auto shown = VendorCredentials(ctx);
                return ListReply(items,
                                 [&](const core::License& l) { return core::ToJson(l, shown); });
              }});
  router.Add({"GET", "/v1/licenses/{id}", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto license, s.licenses.Get(ctx.Param("id")));
                return Ok(LicenseJson(license, VendorCredentials(ctx)));
              }});
  router.Add({"GET", "/v1/licenses/{id}/activations", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(auto filter, ActivationFilterFrom(ctx));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto activations,
                    s.licenses.ListActivations(ctx.Param("id"), std::move(filter), page));
                const auto shown = VendorCredentials(ctx);
                return ListReply(activations, [&](const core::ActivationView& v) {
                  return core::ToJson(v.activation, v.alive, shown);
                });
              }});
  router.Add({"PATCH", "/v1/licenses/{id}", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto changes, ChangesFrom(ctx.body));
                LICENSOR_ASSIGN_OR_RETURN(const auto license,
                                          s.licenses.Update(ctx.Actor(), ctx.Param("id"), changes));
                return Ok(core::ToJson(license));
              }});
  router.Add({"DELETE", "/v1/licenses/{id}", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(s.licenses.Delete(ctx.Actor(), ctx.Param("id")));
                return NoContent();
              }});
  router.Add({"POST", "/v1/licenses/{id}/actions/{action}", Access::kSignedIn,
              Permission::kManageLicensing, [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {}));
                const auto action = core::ParseLicenseAction(ctx.Param("action"));
                if (!action) {
                  return Status::NotFound("no such action; use " +
                                          OneOf(core::NamesOf<core::LicenseAction>()));
                }
                LICENSOR_ASSIGN_OR_RETURN(const auto license,
                                          s.licenses.Act(ctx.Actor(), ctx.Param("id"), *action));
                return Ok(core::ToJson(license));
              }});
  router.Add({"DELETE", "/v1/activations/{id}", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(
                    s.licenses.ReleaseActivation(ctx.Actor(), ctx.Param("id")));
                s.metrics.CountReleases("admin");
                return NoContent();
              }});
}

}  // namespace licensor::server
