// What licensord does by e-mail: invitations to the console (/v1/invitations, accepted at
// /v1/auth/invitation), password resets (/v1/auth/password-reset), and where the registry's
// reminders go (/v1/registry/reminder-recipients).
#include "server/app.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {
namespace {

using core::Permission;

Json RecipientsJson(const std::vector<std::string>& emails) { return {{"emails", emails}}; }

void RegisterInvitationRoutes(Router& router, Services& s) {
  router.Add(
      {"POST", "/v1/invitations", Access::kSignedIn, Permission::kManageUsers,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(
             RejectUnknownFields(ctx.body, {"email", "display_name", "role", "customer_id"}));
         core::NewInvitation input;
         LICENSOR_ASSIGN_OR_RETURN(input.email, RequiredString(ctx.body, "email", 254));
         LICENSOR_ASSIGN_OR_RETURN(const auto name, OptionalString(ctx.body, "display_name", 100));
         input.display_name = name.value_or("");
         LICENSOR_ASSIGN_OR_RETURN(input.role, RequiredChoice(ctx.body, "role", core::ParseRole));
         LICENSOR_ASSIGN_OR_RETURN(input.customer_id, OptionalString(ctx.body, "customer_id", 64));
         LICENSOR_ASSIGN_OR_RETURN(const auto invitation,
                                   s.links.Invite(*ctx.principal, ctx.Actor(), input));
         return Reply{202, core::ToJson(invitation)};
       }});
  router.Add({"GET", "/v1/invitations", Access::kSignedIn, Permission::kManageUsers,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const auto invitations,
                                          s.links.ListInvitations(*ctx.principal, page));
                return ListReply(invitations,
                                 [](const core::AccountLink& l) { return core::ToJson(l); });
              }});
  router.Add({"DELETE", "/v1/invitations/{id}", Access::kSignedIn, Permission::kManageUsers,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(
                    s.links.WithdrawInvitation(*ctx.principal, ctx.Actor(), ctx.Param("id")));
                return NoContent();
              }});
  router.Add(ChecksPassword(
      {"POST", "/v1/auth/invitation", Access::kSignIn, Permission::kRead,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(
             RejectUnknownFields(ctx.body, {"token", "display_name", "password"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto token, RequiredString(ctx.body, "token", 256));
         LICENSOR_ASSIGN_OR_RETURN(const auto name, RequiredString(ctx.body, "display_name", 100));
         LICENSOR_ASSIGN_OR_RETURN(const auto password, RequiredString(ctx.body, "password", 1024));
         LICENSOR_ASSIGN_OR_RETURN(
             const auto user, s.links.AcceptInvitation(token, name, password, ctx.remote_address));
         return Created(core::ToJson(user));
       }}));
}

void RegisterPasswordResetRoutes(Router& router, Services& s) {
  // Held to the sign-in rate per address, as sign-in is: each request may send an e-mail.
  router.Add(ChecksPassword(
      {"POST", "/v1/auth/password-reset", Access::kSignIn, Permission::kRead,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"email"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto email, RequiredString(ctx.body, "email", 254));
         LICENSOR_RETURN_IF_ERROR(s.links.RequestPasswordReset(email, ctx.remote_address));
         return Reply{202,
                      {{"message",
                        "if this address has an account, a link to choose a new password is on "
                        "its way; it works once, within an hour"}}};
       }}));
  router.Add(ChecksPassword(
      {"POST", "/v1/auth/password-reset/complete", Access::kSignIn, Permission::kRead,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"token", "password"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto token, RequiredString(ctx.body, "token", 256));
         LICENSOR_ASSIGN_OR_RETURN(const auto password, RequiredString(ctx.body, "password", 1024));
         LICENSOR_RETURN_IF_ERROR(s.links.ResetPassword(token, password, ctx.remote_address));
         return NoContent();
       }}));
}

void RegisterReminderRecipientRoutes(Router& router, Services& s) {
  router.Add({"GET", "/v1/registry/reminder-recipients", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext&) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto emails, s.mail.ReminderRecipients());
                Json body = RecipientsJson(emails);
                body["email_enabled"] = s.mail.enabled();
                return Ok(std::move(body));
              }});
  router.Add({"PATCH", "/v1/registry/reminder-recipients", Access::kSignedIn,
              Permission::kManageRegistry, [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"emails"}));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto emails,
                    OptionalStringList(ctx.body, "emails",
                                       core::MailService::kMaxReminderRecipients, 254));
                if (!emails)
                  return Status::InvalidField("field 'emails' is required: a list of addresses");
                LICENSOR_ASSIGN_OR_RETURN(const auto stored,
                                          s.mail.SetReminderRecipients(ctx.Actor(), *emails));
                Json body = RecipientsJson(stored);
                body["email_enabled"] = s.mail.enabled();
                return Ok(std::move(body));
              }});
}

}  // namespace

void RegisterMailRoutes(Router& router, Services& s) {
  RegisterInvitationRoutes(router, s);
  RegisterPasswordResetRoutes(router, s);
  RegisterReminderRecipientRoutes(router, s);
}

}  // namespace licensor::server
