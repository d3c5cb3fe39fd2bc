// Health, readiness, metrics, the API description, the audit log, backups and on-demand jobs.
#include "common/time_format.hpp"
#include "server/app.hpp"
#include "server/handlers/named_actors.hpp"
#include "server/handlers/reply.hpp"
#include "server/jobs/job_runner.hpp"
#include "server/jobs/state_flusher.hpp"
#include "server/openapi_document.hpp"

namespace licensor::server {

void RegisterSystemRoutes(Router& router, Services& s) {
  using core::Permission;
  const auto pub = Access::kPublic;
  const auto inline_ok = Blocking::kNonBlocking;
  router.Add({"GET", "/healthz", pub, Permission::kRead,
              [](RequestContext&) -> Result<Reply> {
                return Ok({{"status", "ok"}});
              },
              inline_ok});
  router.Add({"GET", "/readyz", pub, Permission::kRead,
              [&s](RequestContext&) -> Result<Reply> {
                if (!s.ready.load()) {
                  return Status::Unavailable("licensord is starting or shutting down");
                }
                return Ok({{"status", "ready"}});
              },
              inline_ok});
  // Not public: what a server counts tells a stranger how it is used. Any role may read it, and
  // --metrics-listen serves it without a token on an address of the operator's choosing.
  router.Add({"GET", "/metrics", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext&) -> Result<Reply> {
                Reply reply;
                reply.content_type = kMetricsContentType;
                reply.raw_body = s.metrics.Render();
                return reply;
              },
              // Counting licenses reads every row of an index: never on a network thread.
              Blocking::kMayBlock});
  router.Add({"GET", "/v1/openapi.json", pub, Permission::kRead,
              [](RequestContext&) -> Result<Reply> {
                Reply reply;
                reply.raw_body = std::string(OpenApiDocument());
                return reply;
              },
              inline_ok});
  router.Add({"GET", "/v1/events", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                core::EventFilter filter;
                filter.resource_type = QueryParam(ctx, "resource_type");
                filter.resource_id = QueryParam(ctx, "resource_id");
                LICENSOR_ASSIGN_OR_RETURN(filter.since, TimeParam(ctx, "since"));
                LICENSOR_ASSIGN_OR_RETURN(filter.until, TimeParam(ctx, "until"));
                filter.action = QueryParam(ctx, "action");
                filter.actor = QueryParam(ctx, "actor");
                LICENSOR_ASSIGN_OR_RETURN(const auto events, s.events.List(filter, page));
                const auto shown = VendorCredentials(ctx);
                return WithActorNames(s.actor_names,
                                      ListReply(events,
                                                [&](const core::Event& e) {
                                                  Json event = core::ToJson(e);
                                                  core::MaskEventCredentials(event, shown);
                                                  return event;
                                                }),
                                      "actor");
              }});
  router.Add({"GET", "/v1/backup", Access::kSignedIn, Permission::kBackUpStore,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto backup, s.backups.Take(ctx.Actor()));
                Reply reply;
                reply.content_type = "application/vnd.sqlite3";
                reply.body_file = backup.file;
                reply.headers.emplace_back("Content-Disposition",
                                           "attachment; filename=\"licensor-backup-" +
                                               FormatFileNameTime(backup.taken_at) + ".db\"");
                return reply;
              }});
  router.Add({"POST", "/v1/jobs/maintenance/run", Access::kSignedIn, Permission::kRunJobs,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {}));
                LICENSOR_ASSIGN_OR_RETURN(const auto report, RunMaintenanceJob(s));
                FlushGatheredState(s);
                return Ok({{"activations_marked_dead", report.activations_marked_dead},
                           {"activation_slots_released", report.activation_slots_released},
                           {"licenses_expired", report.licenses_expired}});
              }});
  router.Add({"POST", "/v1/jobs/reminders/run", Access::kSignedIn, Permission::kRunJobs,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {}));
                LICENSOR_ASSIGN_OR_RETURN(const auto report, RunReminderJob(s));
                return Ok({{"reminders_sent", report.reminders.sent},
                           {"reminders_skipped", report.reminders.skipped},
                           {"license_notices_queued", report.license_notices},
                           {"deliveries_attempted", report.deliveries.attempted},
                           {"deliveries_delivered", report.deliveries.delivered},
                           {"deliveries_retrying", report.deliveries.retrying},
                           {"deliveries_failed", report.deliveries.failed}});
              }});
  router.Add({"POST", "/v1/jobs/mail/run", Access::kSignedIn, Permission::kRunJobs,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {}));
                LICENSOR_ASSIGN_OR_RETURN(const auto report, RunMailJob(s));
                return Ok({{"attempted", report.attempted},
                           {"sent", report.sent},
                           {"retrying", report.retrying},
                           {"failed", report.failed}});
              }});
}

void RegisterAllRoutes(Router& router, Services& services) {
  RegisterSystemRoutes(router, services);
  RegisterTokenRoutes(router, services);
  RegisterAccountRoutes(router, services);
  RegisterStatsRoutes(router, services);
  RegisterCatalogRoutes(router, services);
  RegisterLicenseRoutes(router, services);
  RegisterClientRoutes(router, services);
  RegisterFileRoutes(router, services);
  RegisterInstallationRoutes(router, services);
  RegisterRegistryRoutes(router, services);
  RegisterWebhookRoutes(router, services);
  RegisterMailRoutes(router, services);
  RegisterCardRoutes(router, services);
  RegisterFleetRoutes(router, services);
}

}  // namespace licensor::server
