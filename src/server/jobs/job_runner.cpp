// Periodic maintenance. The job reads time from the injected clock, so tests drive it by moving
// the clock and calling POST /v1/jobs/maintenance/run rather than by waiting.
#include "server/jobs/job_runner.hpp"

#include <spdlog/spdlog.h>

namespace licensor::server {

JobRunner::JobRunner(core::MaintenanceService& maintenance, std::chrono::seconds interval)
    : maintenance_(maintenance), interval_(interval) {
  if (interval_.count() > 0) thread_ = std::thread([this] { Loop(); });
}

JobRunner::~JobRunner() { Stop(); }

void JobRunner::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JobRunner::Loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    const auto report = maintenance_.RunOnce();
    if (!report.ok()) {
      spdlog::error("maintenance job failed: {}", report.status().message());
    } else if (report->activations_marked_dead + report->licenses_expired > 0) {
      spdlog::info("maintenance: {} activations dead ({} released), {} licenses expired",
                   report->activations_marked_dead, report->activation_slots_released,
                   report->licenses_expired);
    }
    lock.lock();
  }
}

}  // namespace licensor::server
