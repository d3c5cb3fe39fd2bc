// Periodic jobs. They read time from the injected clock, so tests drive them by moving the clock
// and calling POST /v1/jobs/.../run rather than by waiting.
#include "server/jobs/job_runner.hpp"

#include <spdlog/spdlog.h>

#include "server/app.hpp"

namespace licensor::server {

Result<ReminderJobReport> RunReminderJob(Services& services) {
  ReminderJobReport report;
  LICENSOR_ASSIGN_OR_RETURN(report.reminders, services.reminders.RunOnce());
  LICENSOR_ASSIGN_OR_RETURN(report.deliveries,
                            services.webhooks.DeliverDue(services.webhook_sender));
  return report;
}

JobRunner::JobRunner(Services& services, std::chrono::seconds interval)
    : services_(services), interval_(interval) {
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
    RunAll();
    lock.lock();
  }
}

void JobRunner::RunAll() {
  const auto maintenance = services_.maintenance.RunOnce();
  if (!maintenance.ok()) {
    spdlog::error("maintenance job failed: {}", maintenance.status().message());
  } else if (maintenance->activations_marked_dead + maintenance->licenses_expired > 0) {
    spdlog::info("maintenance: {} activations dead ({} released), {} licenses expired",
                 maintenance->activations_marked_dead, maintenance->activation_slots_released,
                 maintenance->licenses_expired);
  }
  const auto deductions = services_.fleet.RunDeductions();
  if (!deductions.ok()) {
    spdlog::error("deduction job failed: {}", deductions.status().message());
  } else if (deductions->deducted + deductions->blacklisted > 0) {
    spdlog::info("deductions: {} devices paid a day, {} blacklisted", deductions->deducted,
                 deductions->blacklisted);
  }
  const auto reminders = RunReminderJob(services_);
  if (!reminders.ok()) {
    spdlog::error("reminder job failed: {}", reminders.status().message());
  } else if (reminders->reminders.sent + reminders->deliveries.attempted > 0) {
    spdlog::info("reminders: {} sent; webhooks: {} attempted, {} delivered, {} failed",
                 reminders->reminders.sent, reminders->deliveries.attempted,
                 reminders->deliveries.delivered, reminders->deliveries.failed);
  }
}

}  // namespace licensor::server
