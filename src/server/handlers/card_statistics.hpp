// The day-cards' statistics overview (seed 002) as the API answers it, from the cards counted
// by type and status: for GET /v1/card-statistics and a customer's overview.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/app.hpp"

namespace licensor::server {

// `customer_id`, when given, is the one customer counted; the lists the answer links to are
// narrowed to it.
Result<Json> CardStatisticsJson(Services& s, const std::vector<core::CardCount>& counts,
                                const std::optional<std::string>& customer_id);

}  // namespace licensor::server
