// /v1/registry: the license registry of a customer's installation (seeds 000 and 001).
#include "common/time_format.hpp"
#include "crypto/payload_reader.hpp"
#include "server/app.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {
namespace {

using core::Permission;
namespace registry = core::registry;

Json CoverageJson(const registry::Coverage& c) {
  if (c.permanent) return "PERMANENT";
  return c.until ? Json(FormatRfc3339(*c.until)) : Json(nullptr);
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
      {"days_left", p.permanent
                        ? Json(nullptr)
                        : Json(p.until && *p.until > now ? (*p.until - now + 86399) / 86400 : 0)},
      {"agents", s.LiveAgents()},
      {"users", s.users().size()},
      {"modules", Json::array()},
      {"max_users", nullptr},
      {"max_agents", nullptr}};
  if (const auto& l = s.deployment_license()) {
    for (const auto& m : l->modules)
      body["modules"].push_back({{"code", m.code}, {"restrictions", m.restrictions}});
    body["max_users"] = l->max_users;
    body["max_agents"] = l->max_agents;
    body["deployment_license"] = {{"id", l->id}, {"version", l->version}};
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
  router.Add({"POST", "/v1/registry/uploads", Access::kToken, Permission::kManageRegistry,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"file"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto file,
                                          RequiredString(ctx.body, "file", 1 << 19));
                LICENSOR_ASSIGN_OR_RETURN(const auto r, s.registry.Upload(ctx.Actor(), file));
                return Reply{r.changed ? 201 : 200,
                             {{"kind", r.kind}, {"changed", r.changed}, {"upload", r.seq}}};
              }});
  router.Add({"GET", "/v1/registry/uploads", Access::kToken, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const bool with_files, FlagParam(ctx, "files"));
                LICENSOR_ASSIGN_OR_RETURN(const auto uploads, s.registry.Uploads());
                Json data = Json::array();
                for (const auto& e : uploads) data.push_back(UploadJson(e, with_files));
                return Ok({{"data", std::move(data)}});
              }});
  router.Add({"GET", "/v1/registry/uploads/{upload}", Access::kToken, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto uploads, s.registry.Uploads());
                for (const auto& e : uploads) {
                  if (std::to_string(e.seq) == ctx.Param("upload")) return Ok(UploadJson(e, true));
                }
                return Status::NotFound("no upload " + ctx.Param("upload"));
              }});
  router.Add({"GET", "/v1/registry/certificates", Access::kToken, Permission::kRead,
              [&s](RequestContext&) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto snapshot, s.registry.Snapshot());
                const UnixSeconds now = s.registry.Now();
                Json data = Json::array();
                for (const auto& c : snapshot->state.certificates()) {
                  data.push_back(CertificateJson(snapshot->state, c, now));
                }
                return Ok({{"data", std::move(data)}});
              }});
  router.Add(
      {"POST", "/v1/registry/certificates/{id}/bind", Access::kToken, Permission::kManageRegistry,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"agent_id"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto agent, RequiredString(ctx.body, "agent_id", 64));
         LICENSOR_RETURN_IF_ERROR(s.registry.BindCertificate(ctx.Actor(), ctx.Param("id"), agent));
         LICENSOR_ASSIGN_OR_RETURN(const auto snapshot, s.registry.Snapshot());
         for (const auto& c : snapshot->state.certificates()) {
           if (c.certificate.id == ctx.Param("id")) {
             return Ok(CertificateJson(snapshot->state, c, s.registry.Now()));
           }
         }
         return Status::NotFound("no certificate " + ctx.Param("id"));
       }});
  router.Add({"GET", "/v1/registry/agents", Access::kToken, Permission::kRead,
              [&s](RequestContext&) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto snapshot, s.registry.Snapshot());
                Json data = Json::array();
                for (const auto& [id, a] : snapshot->state.agents()) {
                  if (!a.deleted_at)
                    data.push_back(AgentJson(snapshot->state, a, s.registry.Now()));
                }
                return Ok({{"data", std::move(data)}});
              }});
  router.Add({"POST", "/v1/registry/agents", Access::kToken, Permission::kManageRegistry,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"name"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto name, RequiredString(ctx.body, "name", 200));
                LICENSOR_ASSIGN_OR_RETURN(const auto agent,
                                          s.registry.CreateAgent(ctx.Actor(), name));
                LICENSOR_ASSIGN_OR_RETURN(const auto snapshot, s.registry.Snapshot());
                return Created(AgentJson(snapshot->state, agent, s.registry.Now()));
              }});
  router.Add({"DELETE", "/v1/registry/agents/{id}", Access::kToken, Permission::kManageRegistry,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(s.registry.DeleteAgent(ctx.Actor(), ctx.Param("id")));
                return NoContent();
              }});
  router.Add({"GET", "/v1/registry/platform", Access::kToken, Permission::kRead,
              [&s](RequestContext&) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto snapshot, s.registry.Snapshot());
                return Ok(PlatformJson(snapshot->state, s.registry.Now()));
              }});
  router.Add({"GET", "/v1/registry/users", Access::kToken, Permission::kRead,
              [&s](RequestContext&) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto snapshot, s.registry.Snapshot());
                Json data = Json::array();
                for (const auto& [id, u] : snapshot->state.users()) data.push_back(UserJson(u));
                return Ok({{"data", std::move(data)}});
              }});
  router.Add({"POST", "/v1/registry/users", Access::kToken, Permission::kManageRegistry,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"name"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto name, RequiredString(ctx.body, "name", 200));
                LICENSOR_ASSIGN_OR_RETURN(const auto user,
                                          s.registry.CreateUser(ctx.Actor(), name));
                return Created(UserJson(user));
              }});
  router.Add({"DELETE", "/v1/registry/users/{id}", Access::kToken, Permission::kManageRegistry,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(s.registry.DeleteUser(ctx.Actor(), ctx.Param("id")));
                return NoContent();
              }});
  router.Add({"GET", "/v1/registry/reminders", Access::kToken, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const bool skipped, FlagParam(ctx, "include_skipped"));
                LICENSOR_ASSIGN_OR_RETURN(const auto reminders, s.reminders.List(skipped, page));
                return ListReply(reminders,
                                 [](const core::RegistryReminder& r) { return core::ToJson(r); });
              }});
  router.Add(
      {"POST", "/v1/registry/check", Access::kToken, Permission::kRead,
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
       Blocking::kReadsStore});
}

}  // namespace licensor::server
