// /v1/registry: the license registry of a customer's installation (seeds 000 and 001).
#include "common/time_format.hpp"
#include "crypto/payload_reader.hpp"
#include "server/app.hpp"
#include "server/handlers/named_actors.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {
namespace {

using core::Permission;
namespace registry = core::registry;

Json CoverageJson(const registry::Coverage& c) {
  if (c.permanent) return "PERMANENT";
  return c.until ? Json(FormatRfc3339(*c.until)) : Json(nullptr);
}

// What a certificate is bound to, as people name it: the agent's name (a deleted agent's too,
// which keeps its certificate), or the platform.
Json BoundToName(const registry::RegistryState& s, const registry::CertificateState& c) {
  if (c.bound_agent) {
    const registry::AgentState* agent = s.FindAgent(*c.bound_agent);
    if (!agent) return *c.bound_agent;
    return agent->deleted_at ? agent->name + " (deleted)" : agent->name;
  }
  return c.activated_at ? Json("the platform") : Json(nullptr);
}

Json CertificateJson(const registry::RegistryState& s, const registry::CertificateState& c,
                     UnixSeconds now) {
  return {{"id", c.certificate.id},
          {"type", c.certificate.type},
          {"mode", c.certificate.mode},
          {"validity_days",
           c.certificate.validity_days ? Json(*c.certificate.validity_days) : Json("PERMANENT")},
          {"package_id", c.package_id},
          {"uploaded_at", FormatRfc3339(c.uploaded_at)},
          {"bound_to", c.bound_agent    ? Json(*c.bound_agent)
                       : c.activated_at ? Json("platform")
                                        : Json(nullptr)},
          {"bound_to_name", BoundToName(s, c)},
          {"status", registry::ToString(s.StatusOf(c, now))},
          {"activated_at", c.activated_at ? Json(FormatRfc3339(*c.activated_at)) : Json(nullptr)},
          {"expires_at", c.activated_at ? CoverageJson(c.resulting) : Json(nullptr)}};
}

Json AgentJson(const registry::RegistryState& s, const registry::AgentState& a, UnixSeconds now) {
  const registry::Coverage coverage = s.AgentCoverage(a);
  return {{"id", a.id},
          {"name", a.name},
          {"created_at", FormatRfc3339(a.created_at)},
          {"deleted", a.deleted_at.has_value()},
          {"licensed", coverage.CoversAt(now)},
          {"unlimited", a.unlimited},
          {"expires_at", CoverageJson(coverage)}};
}

Json PlatformJson(const registry::RegistryState& s, UnixSeconds now) {
  const auto& p = s.platform();
  Json body = {
      {"state", p.CoversAt(now) ? "ACTIVE" : "EXPIRED"},
      {"expires_at", CoverageJson(p)},
      {"days_left", p.permanent ? Json(nullptr) : Json(p.until ? DaysLeft(*p.until - now) : 0)},
      {"agents", s.live_agents().size()},
      {"users", s.users().size()},
      {"modules", Json::array()},
      {"max_users", nullptr},
      {"max_agents", nullptr}};
  if (const auto& l = s.deployment_license()) {
    for (const auto& m : l->modules)
      body["modules"].push_back({{"code", m.code}, {"restrictions", m.restrictions}});
    body["max_users"] = l->max_users;
    body["max_agents"] = l->max_agents;
    const crypto::InstallationRef& scope = l->installation;
    body["deployment_license"] = {{"id", l->id},
                                  {"version", l->version},
                                  {"issued_at", FormatRfc3339(l->issued_at)},
                                  {"effective_at", FormatRfc3339(l->effective_at)},
                                  {"expires_at", core::TimeOrNull(l->expires_at)},
                                  {"scope",
                                   {{"customer_name", scope.customer_name},
                                    {"tenant_id", scope.tenant_id},
                                    {"environment", scope.environment},
                                    {"license_id", scope.license_id}}}};
  }
  return body;
}

// One accepted upload; with the file exactly as it was uploaded when `with_file`.
Json UploadJson(const core::RegistryEntry& e, bool with_file) {
  const Json body = Json::parse(e.body, nullptr, false);
  Json row = {{"upload", e.seq},
              {"uploaded_at", FormatRfc3339(e.at)},
              {"uploaded_by", e.actor},
              {"kind", crypto::TextOr(body, "kind")},
              {"sha256", crypto::TextOr(body, "sha256")}};
  if (with_file) row["file"] = crypto::TextOr(body, "file");
  return row;
}

Json UserJson(const registry::UserState& u) {
  return {{"id", u.id}, {"name", u.name}, {"created_at", FormatRfc3339(u.created_at)}};
}

}  // namespace

void RegisterRegistryRoutes(Router& router, Services& s) {
  router.Add({"POST", "/v1/registry/uploads", Access::kSignedIn, Permission::kManageRegistry,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"file"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto file,
                                          RequiredString(ctx.body, "file", 1 << 19));
                LICENSOR_ASSIGN_OR_RETURN(const auto r, s.registry.Upload(ctx.Actor(), file));
                return Reply{r.changed ? 201 : 200,
                             {{"kind", r.kind}, {"changed", r.changed}, {"upload", r.seq}}};
              }});
  router.Add({"GET", "/v1/registry/uploads", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const bool with_files, FlagParam(ctx, "files"));
                LICENSOR_ASSIGN_OR_RETURN(const auto uploads, s.registry.Uploads(page));
                return WithActorNames(s.actor_names,
                                      ListReply(uploads,
                                                [&](const core::RegistryEntry& e) {
                                                  return UploadJson(e, with_files);
                                                }),
                                      "uploaded_by");
              }});
  router.Add(
      {"GET", "/v1/registry/uploads/{upload}", Access::kSignedIn, Permission::kRead,
       [&s](RequestContext& ctx) -> Result<Reply> {
         std::int64_t upload = 0;
         const std::string& text = ctx.Param("upload");
         const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), upload);
         if (ec != std::errc() || end != text.data() + text.size() || upload < 1) {
           return Status::NotFound("no upload " + text);
         }
         LICENSOR_ASSIGN_OR_RETURN(const auto entry, s.registry.FindUpload(upload));
         LICENSOR_ASSIGN_OR_RETURN(
             Json named, WithActorName(s.actor_names, UploadJson(entry, true), "uploaded_by"));
         return Ok(std::move(named));
       }});
  router.Add(
      {"GET", "/v1/registry/certificates", Access::kSignedIn, Permission::kRead,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
         const UnixSeconds now = s.registry.Now();
         LICENSOR_ASSIGN_OR_RETURN(
             const auto certificates, s.registry.Read([&](const registry::RegistryState& state) {
               return PageByIndex(state.certificates(), page,
                                  [&](const auto& c) { return CertificateJson(state, c, now); });
             }));
         return ListReply(certificates, AsIs);
       }});
  router.Add(
      {"POST", "/v1/registry/certificates/{id}/bind", Access::kSignedIn,
       Permission::kManageRegistry, [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"agent_id"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto agent, RequiredString(ctx.body, "agent_id", 64));
         LICENSOR_RETURN_IF_ERROR(s.registry.BindCertificate(ctx.Actor(), ctx.Param("id"), agent));
         const UnixSeconds now = s.registry.Now();
         LICENSOR_ASSIGN_OR_RETURN(const Json bound,
                                   s.registry.Read([&](const registry::RegistryState& state) {
                                     const auto* c = state.FindCertificate(ctx.Param("id"));
                                     return c ? CertificateJson(state, *c, now) : Json(nullptr);
                                   }));
         if (bound.is_null()) return Status::NotFound("no certificate " + ctx.Param("id"));
         return Ok(bound);
       }});
  router.Add({"GET", "/v1/registry/agents", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                const UnixSeconds now = s.registry.Now();
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto agents, s.registry.Read([&](const registry::RegistryState& state) {
                      return PageByKey(state.live_agents(), page,
                                       [&](const auto& a) { return AgentJson(state, a, now); });
                    }));
                return ListReply(agents, AsIs);
              }});
  router.Add({"POST", "/v1/registry/agents", Access::kSignedIn, Permission::kManageRegistry,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"name"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto name,
                                          RequiredString(ctx.body, "name", kMaxNameLength));
                LICENSOR_ASSIGN_OR_RETURN(const auto agent,
                                          s.registry.CreateAgent(ctx.Actor(), name));
                const UnixSeconds now = s.registry.Now();
                LICENSOR_ASSIGN_OR_RETURN(
                    Json created, s.registry.Read([&](const registry::RegistryState& state) {
                      return AgentJson(state, agent, now);
                    }));
                return Created(std::move(created));
              }});
  router.Add({"DELETE", "/v1/registry/agents/{id}", Access::kSignedIn, Permission::kManageRegistry,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(s.registry.DeleteAgent(ctx.Actor(), ctx.Param("id")));
                return NoContent();
              }});
  router.Add({"GET", "/v1/registry/platform", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext&) -> Result<Reply> {
                const UnixSeconds now = s.registry.Now();
                LICENSOR_ASSIGN_OR_RETURN(
                    Json platform, s.registry.Read([&](const registry::RegistryState& state) {
                      return PlatformJson(state, now);
                    }));
                return Ok(std::move(platform));
              }});
  router.Add({"GET", "/v1/registry/users", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto users, s.registry.Read([&](const registry::RegistryState& state) {
                      return PageByKey(state.users(), page, UserJson);
                    }));
                return ListReply(users, AsIs);
              }});
  router.Add({"POST", "/v1/registry/users", Access::kSignedIn, Permission::kManageRegistry,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"name"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto name,
                                          RequiredString(ctx.body, "name", kMaxNameLength));
                LICENSOR_ASSIGN_OR_RETURN(const auto user,
                                          s.registry.CreateUser(ctx.Actor(), name));
                return Created(UserJson(user));
              }});
  router.Add({"DELETE", "/v1/registry/users/{id}", Access::kSignedIn, Permission::kManageRegistry,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(s.registry.DeleteUser(ctx.Actor(), ctx.Param("id")));
                return NoContent();
              }});
  router.Add({"GET", "/v1/registry/reminders", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const bool skipped, FlagParam(ctx, "include_skipped"));
                LICENSOR_ASSIGN_OR_RETURN(const auto reminders, s.reminders.List(skipped, page));
                return ListReply(reminders,
                                 [](const core::RegistryReminder& r) { return core::ToJson(r); });
              }});
  // The platform acts on this answer (lets an agent act or not): it is signed.
  router.Add(SignsAnswers(
      {"POST", "/v1/registry/check", Access::kSignedIn, Permission::kRead,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"action", "agent_id", "module"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto action, RequiredString(ctx.body, "action", 64));
         LICENSOR_ASSIGN_OR_RETURN(const auto agent, OptionalString(ctx.body, "agent_id", 64));
         LICENSOR_ASSIGN_OR_RETURN(const auto module, OptionalString(ctx.body, "module", 64));
         LICENSOR_ASSIGN_OR_RETURN(
             const auto r, s.registry.Check(action, agent.value_or(""), module.value_or("")));
         return Ok(
             {{"allowed", r.allowed},
              {"code", r.code},
              {"detail", r.detail},
              {"expires_at", r.expires_at ? Json(FormatRfc3339(*r.expires_at)) : Json(nullptr)}});
       },
       // Answered from the state in memory; the store is read only to authenticate and, at
       // most once a second, to pick up changes made through other nodes.
       Blocking::kReadsStore}));
}

}  // namespace licensor::server
