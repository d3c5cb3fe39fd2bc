// Background work driven by the clock: dead activations and expired licenses.
#pragma once

#include "common/clock.hpp"
#include "core/store.hpp"

namespace licensor::core {

struct MaintenanceReport {
  int activations_marked_dead = 0;
  int activation_slots_released = 0;
  int licenses_expired = 0;
};

class MaintenanceService {
 public:
  MaintenanceService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Marks overdue activations dead (or releases their slot when the policy says RELEASE) and
  // marks licenses past expiry and grace as EXPIRED, recording an event for each. Idempotent:
  // running it twice at the same time changes nothing the second time.
  Result<MaintenanceReport> RunOnce();

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace licensor::core
