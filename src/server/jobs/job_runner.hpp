// Runs the background jobs periodically on their own thread: maintenance (heartbeat monitor,
// expiry), the day-card deductions, the registry's expiry reminders, webhook deliveries and
// e-mail.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/fleet_service.hpp"
#include "core/mail_service.hpp"
#include "core/maintenance_service.hpp"
#include "core/registry_reminders.hpp"
#include "core/webhook_service.hpp"

namespace licensor::server {

struct Services;

struct ReminderJobReport {
  core::ReminderReport reminders;
  int license_notices = 0;  // mailed to customers (core/license_notices.hpp)
  core::DeliveryReport deliveries;
};

// Each job as the runner and its POST /v1/jobs/.../run route run it: its run, result and
// duration are recorded in the metrics (licensor_job_*), under the job's name.
//
// "maintenance": dead activations, released slots and expired licenses.
Result<core::MaintenanceReport> RunMaintenanceJob(Services& services);
// "deduction": the day-cards' daily deduction.
Result<core::DeductionRun> RunDeductionJob(Services& services);
// "reminders": records the registry's reminders and queues the licenses' expiry notices that
// are due, then sends the webhook deliveries that are due (new ones and retries).
Result<ReminderJobReport> RunReminderJob(Services& services);
// "mail": sends the e-mail that is due (new and retries); nothing without a relay.
Result<core::MailReport> RunMailJob(Services& services);

// How often the runner looks for e-mail to send, at most.
inline constexpr std::chrono::seconds kMailTick{5};

class JobRunner {
 public:
  // interval 0 disables the periodic run (jobs can still be run through the API).
  JobRunner(Services& services, std::chrono::seconds interval);
  ~JobRunner();  // stops and joins

  void Stop();

 private:
  void Loop();
  void RunAll();
  void SendMail();

  Services& services_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace licensor::server
