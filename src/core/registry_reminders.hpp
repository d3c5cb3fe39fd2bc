// Expiry reminders of the installation's registry (seed 000): 45, 30 and 15 days before the
// platform's or an agent's license ends, and on each of its last seven days. Each reminder is
// recorded once per resource, end and threshold — the store's unique key decides, so restarts,
// repeated runs and several nodes never send one twice — as an audit event, a webhook event and
// an e-mail to each of the installation's reminder recipients, in the same transaction.
#pragma once

#include "common/clock.hpp"
#include "core/mail_service.hpp"
#include "core/registry_service.hpp"
#include "core/store.hpp"

namespace licensor::core {

struct ReminderReport {
  int sent = 0;
  int skipped = 0;  // thresholds that passed while no job ran: recorded, not sent late
};

class RegistryReminderService {
 public:
  RegistryReminderService(Store& store, const Clock& clock, RegistryService& registry,
                          const MailService& mail)
      : store_(store), clock_(clock), registry_(registry), mail_(mail) {}

  Result<ReminderReport> RunOnce();
  Result<Page<RegistryReminder>> List(bool include_skipped, const PageRequest& page);

 private:
  Store& store_;
  const Clock& clock_;
  RegistryService& registry_;
  const MailService& mail_;
};

}  // namespace licensor::core
