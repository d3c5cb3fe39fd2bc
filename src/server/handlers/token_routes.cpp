// /v1/tokens: admin-only token management. The secret is returned once, at creation.
#include "server/app.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {

void RegisterTokenRoutes(Router& router, Services& s) {
  using core::Permission;
  router.Add(
      {"POST", "/v1/tokens", Access::kSignedIn, Permission::kManageTokens,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"name", "role", "customer_id"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto name,
                                   RequiredString(ctx.body, "name", kMaxNameLength));
         LICENSOR_ASSIGN_OR_RETURN(const auto role,
                                   RequiredChoice(ctx.body, "role", core::ParseRole));
         LICENSOR_ASSIGN_OR_RETURN(const auto customer,
                                   OptionalString(ctx.body, "customer_id", 64));
         LICENSOR_ASSIGN_OR_RETURN(const auto created,
                                   s.tokens.Create(ctx.Actor(), name, role, customer));
         Json body = core::ToJson(created.token);
         body["token"] = created.secret;  // shown this once, with its answer key
         body["answer_key"] = AnswerKeyText(s, crypto::AnswerKeyOwner::kToken, created.secret);
         return Created(std::move(body));
       }});
  router.Add({"GET", "/v1/tokens", Access::kSignedIn, Permission::kManageTokens,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const auto tokens, s.tokens.List(page));
                return ListReply(tokens, [](const core::ApiToken& t) { return core::ToJson(t); });
              }});
  router.Add({"DELETE", "/v1/tokens/{id}", Access::kSignedIn, Permission::kManageTokens,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto revoked,
                                          s.tokens.Revoke(ctx.Actor(), ctx.Param("id")));
                (void)revoked;
                return NoContent();
              }});
}

}  // namespace licensor::server
