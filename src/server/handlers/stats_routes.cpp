// /v1/stats: the figures of the console's dashboard.
#include "common/time_format.hpp"
#include "server/app.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {
namespace {

// "2027-01-31" for a day number.
std::string DateOf(std::int64_t day) { return FormatRfc3339(day * kSecondsPerDay).substr(0, 10); }

}  // namespace

void RegisterStatsRoutes(Router& router, Services& s) {
  using core::Permission;
  router.Add({"GET", "/v1/stats/overview", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext&) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto o, s.dashboard.Read());
                std::int64_t total = 0;
                for (const auto& [status, n] : o.licenses_by_status) total += n;
                return Ok({{"licenses",
                            {{"total", total},
                             {"by_status", o.licenses_by_status},
                             {"expiring_within_7_days", o.expiring_within_7_days},
                             {"expiring_within_30_days", o.expiring_within_30_days}}},
                           {"activations",
                            {{"alive", o.activations_alive}, {"dead", o.activations_dead}}}});
              }});
  router.Add({"GET", "/v1/stats/daily", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto days, IntParam(ctx, "days", 1, 90));
                const std::int64_t to = core::DayOf(s.clock.Now());
                const std::int64_t from = to - days.value_or(30) + 1;
                LICENSOR_ASSIGN_OR_RETURN(const auto counts, s.daily_counts.Range(from, to));
                std::map<std::int64_t, Json> by_day;
                for (std::int64_t d = from; d <= to; ++d) {
                  by_day[d] = {{"date", DateOf(d)},
                               {"activations", Json::object()},
                               {"validations", Json::object()}};
                }
                for (const auto& c : counts) {
                  by_day[c.day][c.kind == core::kActivationCount ? "activations" : "validations"]
                        [c.result] = c.count;
                }
                Json out = Json::array();
                for (auto& [day, entry] : by_day) out.push_back(std::move(entry));
                return Ok({{"days", std::move(out)}});
              }});
}

}  // namespace licensor::server
