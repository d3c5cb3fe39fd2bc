// What writing a card does to the payers of devices (storage/card_sql.hpp), decided once for
// both store backends.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"

namespace licensor::storage {

struct PayerSteps {
  // A device the card leaves: it takes back the usage time the card carries, before the write.
  std::optional<std::string> park_before;
  // Devices that choose their payer again after the write.
  std::vector<std::string> repick_after;
};

// `before` is the card's row as stored: device_number, available_days, activated_at. Only a
// change of binding, days or activation can change which card should pay.
template <typename Row>
PayerSteps PayerStepsFor(const Row& before, const core::Card& after) {
  const std::optional<std::string> was_bound_to = before.OptText(0);
  PayerSteps steps;
  if (was_bound_to == after.device_number && before.Int(1) == after.available_days &&
      before.OptInt(2) == after.activated_at) {
    return steps;
  }
  if (was_bound_to) {
    if (was_bound_to != after.device_number) steps.park_before = was_bound_to;
    steps.repick_after.push_back(*was_bound_to);
  }
  if (after.device_number && after.device_number != was_bound_to) {
    steps.repick_after.push_back(*after.device_number);
  }
  return steps;
}

}  // namespace licensor::storage
