// The vendor's side of device day-cards (device models, card types, devices, issuing cards,
// adding days, lifting blacklists), the devices' data reports, and the deduction job.
#include "server/app.hpp"
#include "server/handlers/reply.hpp"
#include "server/jobs/job_runner.hpp"

namespace licensor::server {
namespace {

using core::Permission;

core::CardActor VendorOf(const RequestContext& ctx) {
  return core::CardActor{ctx.Actor().id, {}, ctx.remote_address};
}

}  // namespace

void RegisterFleetRoutes(Router& router, Services& s) {
  router.Add({"POST", "/v1/device-models", Access::kSignedIn, Permission::kManageFleet,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"name"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto name, RequiredString(ctx.body, "name", 100));
                LICENSOR_ASSIGN_OR_RETURN(const auto m, s.fleet.CreateModel(VendorOf(ctx), name));
                return Created(core::ToJson(m));
              }});
  router.Add({"GET", "/v1/device-models", Access::kSignedIn, Permission::kReadCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const auto models, s.fleet.ListModels(page));
                return ListReply(models,
                                 [](const core::DeviceModel& m) { return core::ToJson(m); });
              }});
  router.Add({"POST", "/v1/card-types", Access::kSignedIn, Permission::kManageFleet,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(
                    RejectUnknownFields(ctx.body, {"code", "name", "models", "max_days"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto code, RequiredString(ctx.body, "code", 40));
                LICENSOR_ASSIGN_OR_RETURN(const auto name,
                                          RequiredString(ctx.body, "name", kMaxNameLength));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto models,
                    OptionalStringList(ctx.body, "models", core::cards::kMaxModelsPerType, 100));
                LICENSOR_ASSIGN_OR_RETURN(const auto max_days,
                                          OptionalInt(ctx.body, "max_days", 1, 36500));
                if (!models || !max_days) return Status::InvalidField("give models and max_days");
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto t,
                    s.fleet.CreateType(VendorOf(ctx), code, name, *models, *max_days));
                return Created(core::ToJson(t));
              }});
  router.Add({"GET", "/v1/card-types", Access::kSignedIn, Permission::kReadCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(const auto types, s.fleet.ListTypes(page));
                return ListReply(types, [](const core::CardType& t) { return core::ToJson(t); });
              }});
  router.Add(
      {"POST", "/v1/devices", Access::kSignedIn, Permission::kManageFleet,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(
             RejectUnknownFields(ctx.body, {"number", "model", "customer_id"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto number, RequiredString(ctx.body, "number", 64));
         LICENSOR_ASSIGN_OR_RETURN(const auto model, RequiredString(ctx.body, "model", 100));
         LICENSOR_ASSIGN_OR_RETURN(const auto customer,
                                   RequiredString(ctx.body, "customer_id", 64));
         LICENSOR_ASSIGN_OR_RETURN(const auto r,
                                   s.fleet.RegisterDevice(VendorOf(ctx), number, model, customer));
         Json body = core::ToJson(r.device);
         body["credential"] = r.credential;  // shown this once, with its answer key
         body["answer_key"] = AnswerKeyText(s, crypto::AnswerKeyOwner::kDevice, r.credential);
         return Created(std::move(body));
       }});
  router.Add({"POST", "/v1/cards", Access::kSignedIn, Permission::kManageFleet,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(
                    ctx.body, {"type_code", "customer_id", "quantity", "days"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto type,
                                          RequiredString(ctx.body, "type_code", 40));
                LICENSOR_ASSIGN_OR_RETURN(const auto customer,
                                          RequiredString(ctx.body, "customer_id", 64));
                LICENSOR_ASSIGN_OR_RETURN(const auto quantity,
                                          OptionalInt(ctx.body, "quantity", 1, 10000));
                LICENSOR_ASSIGN_OR_RETURN(const auto days, OptionalInt(ctx.body, "days", 1, 36500));
                if (!days) return Status::InvalidField("give days (1 to the type's max_days)");
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto cards,
                    s.fleet.IssueCards(VendorOf(ctx), type, customer, quantity.value_or(1), *days));
                return Created(DataOf(cards, true));
              }});
  router.Add({"POST", "/v1/cards/{number}/days", Access::kSignedIn, Permission::kManageFleet,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"days"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto days, OptionalInt(ctx.body, "days", 1, 36500));
                if (!days) return Status::InvalidField("give days");
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto card, s.fleet.AddDays(VendorOf(ctx), ctx.Param("number"), *days));
                return Ok(core::ToJson(card));
              }});
  router.Add({"DELETE", "/v1/devices/{number}/blacklist", Access::kSignedIn,
              Permission::kManageFleet, [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto device, s.fleet.LiftBlacklist(VendorOf(ctx), ctx.Param("number")));
                return Ok(core::ToJson(device));
              }});
  router.Add({"POST", "/v1/devices/{number}/reports", Access::kDevice, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                // The report's data is the platform's business; Licensor decides whether the
                // device may send it.
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto r,
                    s.fleet.Report(ctx.Param("number"), ctx.device_credential, !ctx.may_block));
                return Ok({{"accepted", true},
                           {"usage_until", FormatRfc3339(r.usage_until)},
                           {"deducted", r.deducted}});
              },
              // Devices that have paid are answered from memory on the network thread; the
              // rest (a store read, maybe a deduction) go to the worker pool.
              Blocking::kInlineFirst});
  router.Add({"POST", "/v1/jobs/deduction/run", Access::kSignedIn, Permission::kRunJobs,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {}));
                LICENSOR_ASSIGN_OR_RETURN(const auto run, RunDeductionJob(s));
                return Ok({{"deducted", run.deducted}, {"blacklisted", run.blacklisted}});
              }});
}

}  // namespace licensor::server
