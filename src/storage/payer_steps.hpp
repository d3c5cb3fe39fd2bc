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

// `before` is the card as stored, read through tables::kCardBinding: only a change of
// binding, days or activation can change which card should pay.
inline PayerSteps PayerStepsFor(const core::Card& before, const core::Card& after) {
  const std::optional<std::string>& was_bound_to = before.device_number;
  PayerSteps steps;
  if (was_bound_to == after.device_number && before.available_days == after.available_days &&
      before.activated_at == after.activated_at) {
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
