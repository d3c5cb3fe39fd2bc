// The console's people: first-run setup, signing in and out, one's own profile and password
// (/v1/setup, /v1/auth/*), and user management (/v1/users).
#include "server/app.hpp"
#include "server/client_address.hpp"
#include "server/handlers/reply.hpp"
#include "server/problem.hpp"
#include "server/session_cookie.hpp"

namespace licensor::server {
namespace {

using core::Permission;

// What the console learns about the signed-in user: the user, what its role may do (so that
// the console shows only what it may use), the token its changes carry, and whether this
// licensord is an installation's registry (whose pages the console then offers).
Json SignedInJson(Services& s, const core::User& user, const std::string& secret) {
  return {{"user", core::ToJson(user)},
          {"permissions", core::PermissionsOf(user.role)},
          {"csrf_token", s.sessions.CsrfToken(secret)},
          {"registry", s.registry.configured()}};
}

Reply WithSession(const Services& s, Reply reply, const RequestContext& ctx,
                  const std::string& secret, UnixSeconds lifetime_s) {
  reply.headers.emplace_back("Set-Cookie", s.cookies.Set(secret, ctx.https, lifetime_s));
  return reply;
}

// Own-account routes serve console sessions; a token has no account of its own.
Status RequireSession(const RequestContext& ctx) {
  if (ctx.session_secret.empty()) {
    return Status::Forbidden("this is for users signed in to the console, not API tokens");
  }
  return Status::Ok();
}

Result<core::NewUser> NewUserFrom(const Json& body) {
  core::NewUser u;
  LICENSOR_ASSIGN_OR_RETURN(u.email, RequiredString(body, "email", 254));
  LICENSOR_ASSIGN_OR_RETURN(u.display_name, RequiredString(body, "display_name", 100));
  LICENSOR_ASSIGN_OR_RETURN(u.password, RequiredString(body, "password", 256));
  return u;
}

void RegisterSignInRoutes(Router& router, Services& s) {
  const UnixSeconds lifetime_s = s.sessions.options().lifetime_s;
  router.Add({"GET", "/v1/setup", Access::kPublic, Permission::kRead,
              [&s](RequestContext&) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const bool needed, s.sessions.SetupNeeded());
                return Ok({{"needed", needed}});
              }});
  router.Add(ChecksPassword(
      {"POST", "/v1/setup", Access::kSignIn, Permission::kRead,
       [&s, lifetime_s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(
             RejectUnknownFields(ctx.body, {"setup_token", "email", "display_name", "password"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto link, RequiredString(ctx.body, "setup_token", 256));
         LICENSOR_ASSIGN_OR_RETURN(auto admin, NewUserFrom(ctx.body));
         admin.role = core::Role::kAdmin;
         LICENSOR_ASSIGN_OR_RETURN(const auto in,
                                   s.sessions.CompleteSetup(link, admin, ctx.remote_address));
         return WithSession(s, Created(SignedInJson(s, in.user, in.secret)), ctx, in.secret,
                            lifetime_s);
       }}));
  // What the console asks on load: whether this browser is signed in. Unlike /v1/auth/me it
  // answers 200 either way, so a visitor who is not signed in costs no failed request.
  router.Add({"GET", "/v1/auth/session", Access::kSignIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                if (ctx.session_cookie.empty()) return Ok({{"signed_in", false}});
                const auto user = s.sessions.Authenticate(ctx.session_cookie);
                if (!user.ok() && user.status().code() == ErrorCode::kUnauthorized) {
                  return Ok({{"signed_in", false}});
                }
                if (!user.ok()) return user.status();
                Json body = SignedInJson(s, *user, ctx.session_cookie);
                body["signed_in"] = true;
                return Ok(std::move(body));
              }});
  router.Add(ChecksPassword(
      {"POST", "/v1/auth/login", Access::kSignIn, Permission::kRead,
       [&s, lifetime_s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"email", "password"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto email, RequiredString(ctx.body, "email", 1024));
         LICENSOR_ASSIGN_OR_RETURN(const auto password, RequiredString(ctx.body, "password", 1024));
         LICENSOR_ASSIGN_OR_RETURN(const auto in,
                                   s.sessions.SignIn(email, password, ctx.remote_address,
                                                     RateLimitKey(ctx.remote_address)));
         return WithSession(s, Ok(SignedInJson(s, in.user, in.secret)), ctx, in.secret, lifetime_s);
       }}));
  router.Add({"POST", "/v1/auth/logout", Access::kSignedIn, Permission::kOwnAccount,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {}));
                LICENSOR_RETURN_IF_ERROR(RequireSession(ctx));
                LICENSOR_RETURN_IF_ERROR(s.sessions.SignOut(ctx.session_secret, ctx.Actor()));
                Reply reply = NoContent();
                reply.headers.emplace_back("Set-Cookie", s.cookies.Expired(ctx.https));
                return reply;
              }});
  router.Add({"GET", "/v1/auth/me", Access::kSignedIn, Permission::kOwnAccount,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RequireSession(ctx));
                LICENSOR_ASSIGN_OR_RETURN(const auto user, s.users.GetOwn(ctx.principal->id));
                return Ok(SignedInJson(s, user, ctx.session_secret));
              }});
  router.Add({"PATCH", "/v1/auth/me", Access::kSignedIn, Permission::kOwnAccount,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"display_name"}));
                LICENSOR_RETURN_IF_ERROR(RequireSession(ctx));
                LICENSOR_ASSIGN_OR_RETURN(const auto name,
                                          RequiredString(ctx.body, "display_name", 100));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto user, s.users.UpdateProfile(ctx.Actor(), ctx.principal->id, name));
                return Ok(SignedInJson(s, user, ctx.session_secret));
              }});
  router.Add(ChecksPassword(
      {"POST", "/v1/auth/password", Access::kSignedIn, Permission::kOwnAccount,
       [&s, lifetime_s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(
             RejectUnknownFields(ctx.body, {"current_password", "new_password"}));
         LICENSOR_RETURN_IF_ERROR(RequireSession(ctx));
         LICENSOR_ASSIGN_OR_RETURN(const auto current,
                                   RequiredString(ctx.body, "current_password", 1024));
         LICENSOR_ASSIGN_OR_RETURN(const auto fresh,
                                   RequiredString(ctx.body, "new_password", 1024));
         LICENSOR_ASSIGN_OR_RETURN(const auto user, s.users.GetOwn(ctx.principal->id));
         LICENSOR_ASSIGN_OR_RETURN(const auto in,
                                   s.sessions.ChangePassword(user, ctx.Actor(), current, fresh,
                                                             RateLimitKey(ctx.remote_address)));
         return WithSession(s, Ok(SignedInJson(s, in.user, in.secret)), ctx, in.secret, lifetime_s);
       }}));
}

void RegisterUserRoutes(Router& router, Services& s) {
  router.Add({"GET", "/v1/users", Access::kSignedIn, Permission::kManageUsers,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const auto users, s.users.List(*ctx.principal, page));
                return ListReply(users, [](const core::User& u) { return core::ToJson(u); });
              }});
  router.Add(
      {"POST", "/v1/users", Access::kSignedIn, Permission::kManageUsers,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(core::UserService::MayCreateDirectly(*ctx.principal));
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(
             ctx.body, {"email", "display_name", "role", "customer_id", "password"}));
         LICENSOR_ASSIGN_OR_RETURN(auto input, NewUserFrom(ctx.body));
         LICENSOR_ASSIGN_OR_RETURN(input.role, RequiredChoice(ctx.body, "role", core::ParseRole));
         LICENSOR_ASSIGN_OR_RETURN(input.customer_id, OptionalString(ctx.body, "customer_id", 64));
         LICENSOR_ASSIGN_OR_RETURN(const auto user,
                                   s.users.Create(*ctx.principal, ctx.Actor(), input));
         return Created(core::ToJson(user));
       }});
  router.Add({"GET", "/v1/users/{id}", Access::kSignedIn, Permission::kManageUsers,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto user,
                                          s.users.Get(*ctx.principal, ctx.Param("id")));
                return Ok(core::ToJson(user));
              }});
  router.Add(
      {"PATCH", "/v1/users/{id}", Access::kSignedIn, Permission::kManageUsers,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(
             ctx.body, {"display_name", "role", "customer_id", "disabled", "password"}));
         core::UserChanges changes;
         LICENSOR_ASSIGN_OR_RETURN(changes.display_name,
                                   OptionalString(ctx.body, "display_name", 100));
         LICENSOR_ASSIGN_OR_RETURN(changes.role, OptionalChoice(ctx.body, "role", core::ParseRole));
         LICENSOR_ASSIGN_OR_RETURN(changes.customer_id,
                                   NullableString(ctx.body, "customer_id", 64));
         LICENSOR_ASSIGN_OR_RETURN(changes.disabled, OptionalBool(ctx.body, "disabled"));
         LICENSOR_ASSIGN_OR_RETURN(changes.password, OptionalString(ctx.body, "password", 256));
         LICENSOR_ASSIGN_OR_RETURN(const auto user, s.users.Update(*ctx.principal, ctx.Actor(),
                                                                   ctx.Param("id"), changes));
         return Ok(core::ToJson(user));
       }});
}

}  // namespace

void RegisterAccountRoutes(Router& router, Services& s) {
  RegisterSignInRoutes(router, s);
  RegisterUserRoutes(router, s);
}

}  // namespace licensor::server
