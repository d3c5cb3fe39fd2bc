#include "server/handlers/card_statistics.hpp"

#include <map>
#include <set>

#include "server/handlers/reply.hpp"

namespace licensor::server {
namespace {

// The seed's overview: cards running low (each with the list that shows them), the
// distribution by type and by status, and per type its days, its quantities in each status and
// when its days run out at the current rate (the forecast).
Json StatisticsOf(const std::vector<core::CardCount>& counts,
                  const std::vector<core::CardType>& types,
                  const std::optional<std::string>& customer_id, UnixSeconds now) {
  const std::string scope = customer_id ? "&customer_id=" + EncodeUrlComponent(*customer_id) : "";
  std::int64_t under_30 = 0, under_7 = 0;
  std::map<std::string, std::int64_t> by_type, by_status;
  std::map<std::string, Json> per_type;
  for (const auto& type : types) {
    Json row = {{"type_code", type.code},
                {"name", type.name},
                {"models", type.models},
                {"max_days", type.max_days},
                {"available_days", 0},
                {"total", 0},
                {"drawing", 0}};
    for (const char* status : {"UNUSED", "INACTIVE", "IN_USE", "DEACTIVATED", "EXPIRED"}) {
      row[status] = 0;
    }
    per_type[type.code] = std::move(row);
  }
  for (const auto& c : counts) {
    under_30 += c.under_30_days;
    under_7 += c.under_7_days;
    by_type[c.type_code] += c.cards;
    by_status[c.status] += c.cards;
    Json& row = per_type[c.type_code];
    row["type_code"] = c.type_code;
    row[c.status] = row.value(c.status, std::int64_t{0}) + c.cards;
    row["available_days"] = row.value("available_days", std::int64_t{0}) + c.available_days;
    row["total"] = row.value("total", std::int64_t{0}) + c.cards;
    row["drawing"] = row.value("drawing", std::int64_t{0}) + c.paying;
  }
  Json type_rows = Json::array();
  for (auto& [code, row] : per_type) {
    if (row.value("total", std::int64_t{0}) == 0) continue;
    const auto runs_out = core::cards::RunsOutAt(row.value("available_days", std::int64_t{0}),
                                                 row.value("drawing", std::int64_t{0}), now);
    row["runs_out_at"] = runs_out ? Json(FormatRfc3339(*runs_out)) : Json();
    type_rows.push_back(std::move(row));
  }
  return {{"fewer_than_30_days",
           {{"count", under_30}, {"list", "/v1/cards?min_days=1&max_days=29" + scope}}},
          {"fewer_than_7_days",
           {{"count", under_7}, {"list", "/v1/cards?min_days=1&max_days=6" + scope}}},
          {"by_type", by_type},
          {"by_status", by_status},
          {"types", std::move(type_rows)}};
}

}  // namespace

Result<Json> CardStatisticsJson(Services& s, const std::vector<core::CardCount>& counts,
                                const std::optional<std::string>& customer_id) {
  std::set<std::string> codes;  // the types that have cards
  for (const auto& c : counts) codes.insert(c.type_code);
  LICENSOR_ASSIGN_OR_RETURN(const auto types, s.fleet.TypesWithCodes({codes.begin(), codes.end()}));
  return StatisticsOf(counts, types, customer_id, s.clock.Now());
}

}  // namespace licensor::server
