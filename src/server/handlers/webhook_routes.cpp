// /v1/webhooks: endpoints that receive Licensor's events (the registry's expiry reminders),
// signed with a per-webhook secret, and the record of every delivery.
#include "server/app.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {

using core::Permission;

void RegisterWebhookRoutes(Router& router, Services& s) {
  router.Add({"POST", "/v1/webhooks", Access::kSignedIn, Permission::kManageWebhooks,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"url"}));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto url,
                    RequiredString(ctx.body, "url", core::WebhookService::kMaxUrlLength));
                LICENSOR_ASSIGN_OR_RETURN(const auto webhook, s.webhooks.Create(ctx.Actor(), url));
                Json body = core::ToJson(webhook);
                body["secret"] = webhook.secret;  // shown this once
                return Created(std::move(body));
              }});
  router.Add({"GET", "/v1/webhooks", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const auto webhooks, s.webhooks.List(page));
                return ListReply(webhooks, [](const core::Webhook& w) { return core::ToJson(w); });
              }});
  router.Add({"DELETE", "/v1/webhooks/{id}", Access::kSignedIn, Permission::kManageWebhooks,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(s.webhooks.Delete(ctx.Actor(), ctx.Param("id")));
                return NoContent();
              }});
  router.Add({"GET", "/v1/webhooks/{id}/deliveries", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const auto deliveries,
                                          s.webhooks.Deliveries(ctx.Param("id"), page));
                return ListReply(deliveries,
                                 [](const core::WebhookDelivery& d) { return core::ToJson(d); });
              }});
}

}  // namespace licensor::server
