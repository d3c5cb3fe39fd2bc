// /v1/installations: the vendor's side of the platform-and-agents model.
#include "common/time_format.hpp"
#include "server/app.hpp"
#include "server/handlers/named_actors.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {
namespace {

using core::Permission;

Json FileJson(const core::InstallationFile& f) {
  return {{"id", f.id},           {"installation_id", f.installation_id},    {"kind", f.kind},
          {"version", f.version}, {"issued_at", FormatRfc3339(f.issued_at)}, {"issued_by", f.actor},
          {"file", f.file}};
}

Result<std::vector<core::CertificateSpec>> CertificatesFrom(const Json& body) {
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(body, {"certificates"}));
  const auto list = body.find("certificates");
  if (list == body.end() || !list->is_array() || list->empty() || list->size() > 1000) {
    return Status::InvalidField("'certificates' must be a list of 1 to 1000 certificates");
  }
  std::vector<core::CertificateSpec> specs;
  for (const Json& item : *list) {
    if (!item.is_object()) return Status::InvalidField("each certificate must be an object");
    LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(item, {"type", "mode", "validity_days"}));
    core::CertificateSpec spec;
    LICENSOR_ASSIGN_OR_RETURN(spec.type, RequiredString(item, "type", 32));
    LICENSOR_ASSIGN_OR_RETURN(spec.mode, RequiredString(item, "mode", 32));
    const auto days = item.find("validity_days");
    if (days == item.end()) {
      return Status::InvalidField("validity_days is required: a number of days or \"PERMANENT\"");
    }
    if (days->is_string() && days->get<std::string>() == "PERMANENT") {
      spec.validity_days = std::nullopt;
    } else if (days->is_number_integer()) {
      spec.validity_days = days->get<std::int64_t>();
    } else {
      return Status::InvalidField("validity_days must be a number of days or \"PERMANENT\"");
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

Result<core::DeploymentTerms> TermsFrom(const Json& body) {
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(
      body, {"modules", "effective_at", "expires_at", "max_users", "max_agents"}));
  core::DeploymentTerms terms;
  const auto modules = body.find("modules");
  if (modules == body.end() || !modules->is_array() || modules->size() > 200) {
    return Status::InvalidField("'modules' must be a list of at most 200 modules");
  }
  for (const Json& item : *modules) {
    if (!item.is_object()) return Status::InvalidField("each module must be an object");
    LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(item, {"code", "restrictions"}));
    crypto::Module module;
    LICENSOR_ASSIGN_OR_RETURN(module.code, RequiredString(item, "code", 64));
    const auto restrictions = item.find("restrictions");
    if (restrictions != item.end()) {
      if (!restrictions->is_object() || restrictions->size() > 32) {
        return Status::InvalidField("restrictions must be an object of at most 32 lists");
      }
      for (const auto& [name, values] : restrictions->items()) {
        LICENSOR_ASSIGN_OR_RETURN(auto list,
                                  OptionalStringList(*restrictions, name.c_str(), 200, 128));
        if (!list) return Status::InvalidField("restriction '" + name + "' must be a list");
        module.restrictions[name] = std::move(*list);
      }
    }
    terms.modules.push_back(std::move(module));
  }
  LICENSOR_ASSIGN_OR_RETURN(const auto effective, NullableTime(body, "effective_at"));
  if (!effective || !*effective) return Status::InvalidField("effective_at is required (RFC 3339)");
  terms.effective_at = **effective;
  LICENSOR_ASSIGN_OR_RETURN(const auto expires, NullableTime(body, "expires_at"));
  if (!expires) return Status::InvalidField("expires_at is required: an RFC 3339 time or null");
  terms.expires_at = *expires;
  LICENSOR_ASSIGN_OR_RETURN(const auto users, OptionalInt(body, "max_users", 0, 100'000'000));
  LICENSOR_ASSIGN_OR_RETURN(const auto agents, OptionalInt(body, "max_agents", 0, 100'000'000));
  if (!users || !agents) return Status::InvalidField("max_users and max_agents are required");
  terms.max_users = *users;
  terms.max_agents = *agents;
  return terms;
}

}  // namespace

void RegisterInstallationRoutes(Router& router, Services& s) {
  router.Add(
      {"POST", "/v1/installations", Access::kSignedIn, Permission::kManageLicensing,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(
             RejectUnknownFields(ctx.body, {"customer_id", "tenant_id", "environment", "name"}));
         core::NewInstallation r;
         LICENSOR_ASSIGN_OR_RETURN(r.customer_id, RequiredString(ctx.body, "customer_id", 64));
         LICENSOR_ASSIGN_OR_RETURN(r.tenant_id, RequiredString(ctx.body, "tenant_id", 128));
         LICENSOR_ASSIGN_OR_RETURN(r.environment, RequiredString(ctx.body, "environment", 8));
         LICENSOR_ASSIGN_OR_RETURN(r.name, RequiredString(ctx.body, "name", kMaxNameLength));
         LICENSOR_ASSIGN_OR_RETURN(const auto i, s.installations.Create(ctx.Actor(), r));
         return Created(core::ToJson(i));
       }});
  router.Add({"GET", "/v1/installations", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto items, s.installations.List(QueryParam(ctx, "customer_id"), page));
                return ListReply(items,
                                 [](const core::Installation& i) { return core::ToJson(i); });
              }});
  router.Add({"GET", "/v1/installations/{id}", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto i, s.installations.Get(ctx.Param("id")));
                return Ok(core::ToJson(i));
              }});
  router.Add({"GET", "/v1/installations/{id}/files", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const auto items,
                                          s.installations.ListFiles(ctx.Param("id"), page));
                return WithActorNames(s.actor_names, ListReply(items, FileJson), "issued_by");
              }});
  router.Add({"POST", "/v1/installations/{id}/packages", Access::kSignedIn,
              Permission::kManageLicensing, [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto specs, CertificatesFrom(ctx.body));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto file,
                    s.installations.IssuePackage(ctx.Actor(), ctx.Param("id"), specs));
                LICENSOR_ASSIGN_OR_RETURN(
                    Json named, WithActorName(s.actor_names, FileJson(file), "issued_by"));
                return Created(std::move(named));
              }});
  router.Add({"POST", "/v1/installations/{id}/deployment-licenses", Access::kSignedIn,
              Permission::kManageLicensing, [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto terms, TermsFrom(ctx.body));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto file,
                    s.installations.IssueDeploymentLicense(ctx.Actor(), ctx.Param("id"), terms));
                LICENSOR_ASSIGN_OR_RETURN(
                    Json named, WithActorName(s.actor_names, FileJson(file), "issued_by"));
                return Created(std::move(named));
              }});
}

}  // namespace licensor::server
