// Periodic jobs. They read time from the injected clock, so tests drive them by moving the clock
// and calling POST /v1/jobs/.../run rather than by waiting.
#include "server/jobs/job_runner.hpp"

#include <spdlog/spdlog.h>

#include "server/app.hpp"

namespace licensor::server {

namespace {

// `run` (→ Result<T>) timed, and recorded as a run of `job`.
template <typename Run>
auto Recorded(Services& services, std::string_view job, Run run) {
  const auto start = std::chrono::steady_clock::now();
  auto result = run();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  services.metrics.ObserveJob(job, result.ok(), took.count(), services.clock.Now());
  return result;
}

}  // namespace

Result<core::MaintenanceReport> RunMaintenanceJob(Services& services) {
  return Recorded(services, "maintenance", [&] {
    auto report = services.maintenance.RunOnce();
    if (report.ok()) services.metrics.CountReleases("heartbeat", report->activation_slots_released);
    return report;
  });
}

Result<core::DeductionRun> RunDeductionJob(Services& services) {
  return Recorded(services, "deduction", [&] { return services.fleet.RunDeductions(); });
}

Result<ReminderJobReport> RunReminderJob(Services& services) {
  return Recorded(services, "reminders", [&]() -> Result<ReminderJobReport> {
    ReminderJobReport report;
    LICENSOR_ASSIGN_OR_RETURN(report.reminders, services.reminders.RunOnce());
    LICENSOR_ASSIGN_OR_RETURN(report.license_notices, services.license_notices.RunOnce());
    LICENSOR_ASSIGN_OR_RETURN(report.deliveries,
                              services.webhooks.DeliverDue(services.webhook_sender));
    return report;
  });
}

Result<core::MailReport> RunMailJob(Services& services) {
  return Recorded(services, "mail", [&]() -> Result<core::MailReport> {
    if (!services.mail.enabled()) return core::MailReport{};
    return services.mail.SendDue(services.mail_sender);
  });
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
  // Mail is looked at every tick, so that a password link arrives while its reader waits; the
  // other jobs run once an interval.
  const auto tick = std::min<std::chrono::seconds>(interval_, kMailTick);
  auto next_run = std::chrono::steady_clock::now() + interval_;
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, tick, [this] { return stopping_; })) {
    lock.unlock();
    if (std::chrono::steady_clock::now() + tick / 2 >= next_run) {
      RunAll();
      next_run = std::chrono::steady_clock::now() + interval_;
    }
    SendMail();
    lock.lock();
  }
}

void JobRunner::SendMail() {
  const auto mail = RunMailJob(services_);
  if (!mail.ok()) {
    spdlog::error("mail job failed: {}", mail.status().message());
  } else if (mail->attempted > 0) {
    spdlog::info("mail: {} attempted, {} sent, {} to retry, {} failed", mail->attempted, mail->sent,
                 mail->retrying, mail->failed);
  }
}

void JobRunner::RunAll() {
  const auto maintenance = RunMaintenanceJob(services_);
  if (!maintenance.ok()) {
    spdlog::error("maintenance job failed: {}", maintenance.status().message());
  } else if (maintenance->activations_marked_dead + maintenance->licenses_expired > 0) {
    spdlog::info("maintenance: {} activations dead ({} released), {} licenses expired",
                 maintenance->activations_marked_dead, maintenance->activation_slots_released,
                 maintenance->licenses_expired);
  }
  const auto deductions = RunDeductionJob(services_);
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
