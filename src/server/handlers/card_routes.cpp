// /v1/cards, /v1/card-records, /v1/deductions and the customers' device operations: device
// day-cards (seed 002) as customers see and operate them, each limited to its own subtree.
#include <algorithm>
#include <iterator>

#include "common/text.hpp"
#include "server/app.hpp"
#include "server/handlers/card_statistics.hpp"
#include "server/handlers/named_actors.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {
namespace {

using core::Permission;

core::CardActor ActorOf(const RequestContext& ctx) {
  return core::CardActor{ctx.Actor().id, ctx.principal ? ctx.principal->customer_id : std::nullopt,
                         ctx.remote_address};
}

// {"quantity": N} or {"numbers": [...]}.
Result<core::CardSelection> SelectionFrom(const Json& body) {
  core::CardSelection s;
  LICENSOR_ASSIGN_OR_RETURN(s.quantity,
                            OptionalInt(body, "quantity", 1, core::CardService::kMaxBatch));
  LICENSOR_ASSIGN_OR_RETURN(const auto numbers,
                            OptionalStringList(body, "numbers", core::CardService::kMaxBatch, 64));
  if (numbers) s.numbers = *numbers;
  if (s.quantity.has_value() == (numbers.has_value())) {
    return Status::InvalidField("give either 'quantity' or 'numbers'");
  }
  return s;
}

// The record kinds asked for, each one of core::cards::kRecordKinds.
Result<std::optional<std::vector<std::string>>> KindsParam(const RequestContext& ctx) {
  constexpr std::size_t kCount = std::size(core::cards::kRecordKinds);
  LICENSOR_ASSIGN_OR_RETURN(auto kinds, ListParam(ctx, "kind", kCount));
  for (const auto& kind : kinds.value_or(std::vector<std::string>{})) {
    if (std::find(std::begin(core::cards::kRecordKinds), std::end(core::cards::kRecordKinds),
                  kind) == std::end(core::cards::kRecordKinds)) {
      return Status::InvalidField("kind must be one or more of " + Join(core::cards::kRecordKinds) +
                                  ", separated by commas");
    }
  }
  return kinds;
}

Result<core::CardFilter> CardFilterFrom(const RequestContext& ctx) {
  core::CardFilter f;
  f.type_code = QueryParam(ctx, "type_code");
  f.number = QueryParam(ctx, "number");
  f.device_number = QueryParam(ctx, "device_number");
  LICENSOR_ASSIGN_OR_RETURN(f.min_days, IntParam(ctx, "min_days", 0, 1'000'000));
  LICENSOR_ASSIGN_OR_RETURN(f.max_days, IntParam(ctx, "max_days", 0, 1'000'000));
  LICENSOR_ASSIGN_OR_RETURN(f.activated_from, TimeParam(ctx, "activated_from"));
  LICENSOR_ASSIGN_OR_RETURN(f.activated_to, TimeParam(ctx, "activated_to"));
  if (const auto status = QueryParam(ctx, "status")) {
    if (!core::cards::ParseCardStatus(*status)) {
      return Status::InvalidField(
          "status must be UNUSED, INACTIVE, IN_USE, DEACTIVATED or EXPIRED");
    }
    f.status = *status;
  }
  if (QueryParam(ctx, "locked")) {
    LICENSOR_ASSIGN_OR_RETURN(f.locked, FlagParam(ctx, "locked"));
  }
  return f;
}

}  // namespace

void RegisterCardRoutes(Router& router, Services& s) {
  router.Add({"GET", "/v1/cards", Access::kSignedIn, Permission::kReadCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                LICENSOR_ASSIGN_OR_RETURN(auto filter, CardFilterFrom(ctx));
                LICENSOR_ASSIGN_OR_RETURN(const auto cards,
                                          s.cards.ListCards(ActorOf(ctx), std::move(filter),
                                                            QueryParam(ctx, "customer_id"), page));
                return ListReply(cards, [](const core::Card& c) { return core::ToJson(c); });
              }});
  router.Add(
      {"GET", "/v1/card-customers", Access::kSignedIn, Permission::kReadCards,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
         LICENSOR_ASSIGN_OR_RETURN(const auto customers, s.cards.ListCustomers(ActorOf(ctx), page));
         return ListReply(customers, [](const core::Customer& c) { return core::ToJson(c); });
       }});
  router.Add({"GET", "/v1/card-statistics", Access::kSignedIn, Permission::kReadCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                const auto customer_id = QueryParam(ctx, "customer_id");
                LICENSOR_ASSIGN_OR_RETURN(const auto counts,
                                          s.cards.CountCards(ActorOf(ctx), customer_id));
                LICENSOR_ASSIGN_OR_RETURN(auto statistics,
                                          CardStatisticsJson(s, counts, customer_id));
                return Ok(std::move(statistics));
              }});
  router.Add({"GET", "/v1/cards/{number}", Access::kSignedIn, Permission::kReadCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto card,
                                          s.cards.GetCard(ActorOf(ctx), ctx.Param("number")));
                return Ok(core::ToJson(card));
              }});
  for (const bool locked : {true, false}) {
    router.Add({"POST", locked ? "/v1/cards/{number}/lock" : "/v1/cards/{number}/unlock",
                Access::kSignedIn, Permission::kOperateCards,
                [&s, locked](RequestContext& ctx) -> Result<Reply> {
                  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {}));
                  LICENSOR_ASSIGN_OR_RETURN(
                      const auto card, s.cards.Lock(ActorOf(ctx), ctx.Param("number"), locked));
                  return Ok(core::ToJson(card));
                }});
  }
  router.Add({"POST", "/v1/cards/{number}/bind", Access::kSignedIn, Permission::kOperateCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"device_number"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto device,
                                          RequiredString(ctx.body, "device_number", 64));
                LICENSOR_ASSIGN_OR_RETURN(const auto card,
                                          s.cards.Bind(ActorOf(ctx), ctx.Param("number"), device));
                return Ok(core::ToJson(card));
              }});
  router.Add({"POST", "/v1/cards/{number}/unbind", Access::kSignedIn, Permission::kOperateCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {}));
                LICENSOR_ASSIGN_OR_RETURN(const auto card,
                                          s.cards.Unbind(ActorOf(ctx), ctx.Param("number")));
                return Ok(core::ToJson(card));
              }});
  router.Add({"POST", "/v1/cards/sell", Access::kSignedIn, Permission::kOperateCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(
                    RejectUnknownFields(ctx.body, {"to", "from", "quantity", "numbers"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto to, RequiredString(ctx.body, "to", 64));
                LICENSOR_ASSIGN_OR_RETURN(const auto from, OptionalString(ctx.body, "from", 64));
                LICENSOR_ASSIGN_OR_RETURN(const auto selection, SelectionFrom(ctx.body));
                LICENSOR_ASSIGN_OR_RETURN(const auto sold,
                                          s.cards.Sell(ActorOf(ctx), from, to, selection));
                return Ok(DataOf(sold, true));
              }});
  router.Add(
      {"POST", "/v1/cards/return", Access::kSignedIn, Permission::kOperateCards,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"from", "quantity", "numbers"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto from, OptionalString(ctx.body, "from", 64));
         LICENSOR_ASSIGN_OR_RETURN(const auto selection, SelectionFrom(ctx.body));
         LICENSOR_ASSIGN_OR_RETURN(const auto returned,
                                   s.cards.Return(ActorOf(ctx), from, selection));
         return Ok(DataOf(returned, true));
       }});
  router.Add({"GET", "/v1/card-records", Access::kSignedIn, Permission::kReadCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                core::CardRecordFilter f;
                f.card_number = QueryParam(ctx, "card_number");
                f.type_code = QueryParam(ctx, "type_code");
                LICENSOR_ASSIGN_OR_RETURN(f.kinds, KindsParam(ctx));
                LICENSOR_ASSIGN_OR_RETURN(f.since, TimeParam(ctx, "since"));
                LICENSOR_ASSIGN_OR_RETURN(f.until, TimeParam(ctx, "until"));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto records, s.cards.ListRecords(ActorOf(ctx), std::move(f),
                                                            QueryParam(ctx, "customer_id"), page));
                return WithActorNames(
                    s.actor_names,
                    ListReply(records, [](const core::CardRecord& r) { return core::ToJson(r); }),
                    "actor");
              }});
  router.Add(
      {"GET", "/v1/deductions", Access::kSignedIn, Permission::kReadCards,
       [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
         core::DeductionFilter f;
         f.card_number = QueryParam(ctx, "card_number");
         f.device_number = QueryParam(ctx, "device_number");
         LICENSOR_ASSIGN_OR_RETURN(const auto deductions,
                                   s.cards.ListDeductions(ActorOf(ctx), std::move(f),
                                                          QueryParam(ctx, "customer_id"), page));
         return ListReply(deductions, [](const core::Deduction& d) { return core::ToJson(d); });
       }});
  router.Add({"GET", "/v1/devices", Access::kSignedIn, Permission::kReadCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                core::DeviceFilter f;
                LICENSOR_ASSIGN_OR_RETURN(f.models,
                                          ListParam(ctx, "model", core::cards::kMaxModelsPerType));
                f.number = QueryParam(ctx, "number");
                LICENSOR_ASSIGN_OR_RETURN(f.blacklisted, OptionalFlagParam(ctx, "blacklisted"));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto devices, s.cards.ListDevices(ActorOf(ctx), std::move(f),
                                                            QueryParam(ctx, "customer_id"), page));
                return ListReply(devices, [](const core::Device& d) { return core::ToJson(d); });
              }});
  router.Add({"GET", "/v1/devices/{number}", Access::kSignedIn, Permission::kReadCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto device,
                                          s.cards.GetDevice(ActorOf(ctx), ctx.Param("number")));
                return Ok(core::ToJson(device));
              }});
  router.Add({"POST", "/v1/devices/{number}/sell", Access::kSignedIn, Permission::kOperateCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"to"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto to, RequiredString(ctx.body, "to", 64));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto device, s.cards.MoveDevice(ActorOf(ctx), ctx.Param("number"), to));
                return Ok(core::ToJson(device));
              }});
  router.Add({"POST", "/v1/devices/{number}/return", Access::kSignedIn, Permission::kOperateCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {}));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto device,
                    s.cards.MoveDevice(ActorOf(ctx), ctx.Param("number"), std::nullopt));
                return Ok(core::ToJson(device));
              }});
  router.Add({"PATCH", "/v1/customers/{id}/settings", Access::kSignedIn, Permission::kOperateCards,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(
                    RejectUnknownFields(ctx.body, {"allow_superior_manage_licenses"}));
                LICENSOR_ASSIGN_OR_RETURN(const auto allow,
                                          OptionalBool(ctx.body, "allow_superior_manage_licenses"));
                if (!allow) {
                  return Status::InvalidField("give allow_superior_manage_licenses: true or false");
                }
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto customer,
                    s.cards.SetAllowSuperior(ActorOf(ctx), ctx.Param("id"), *allow));
                return Ok(core::ToJson(customer));
              }});
}

}  // namespace licensor::server
