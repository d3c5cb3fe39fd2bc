// The dashboard's figures: licenses by status, those expiring soon, activations alive and dead.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "common/clock.hpp"
#include "core/store.hpp"

namespace licensor::core {

struct Overview {
  std::map<std::string, std::int64_t> licenses_by_status;  // every status, zeros included
  std::int64_t expiring_within_7_days = 0;                 // active, expiring by then
  std::int64_t expiring_within_30_days = 0;
  std::int64_t activations_alive = 0;
  std::int64_t activations_dead = 0;
};

// Licenses counted by status, every status present (zero when none): the dashboard's and the
// metrics' figure.
Result<std::map<std::string, std::int64_t>> LicensesByStatus(StoreTx& tx);

class DashboardService {
 public:
  DashboardService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  // One read transaction, so that the figures agree with each other.
  Result<Overview> Read();

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace licensor::core
