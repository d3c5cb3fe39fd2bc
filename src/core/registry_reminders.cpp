#include "core/registry_reminders.hpp"

#include "core/audit.hpp"
#include "core/mail_messages.hpp"
#include "core/webhook_service.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

constexpr const char* kSystemActor = "system";
constexpr const char* kReminderEvent = "registry.reminder";

// Something whose license ends: the platform, an agent, or the unlimited-agents license.
struct Expiring {
  std::string kind;
  std::string id;
  std::string name;
  UnixSeconds expires_at = 0;
};

std::vector<Expiring> ExpiringResources(const registry::RegistryState& state) {
  std::vector<Expiring> out;
  const auto& platform = state.platform();
  if (!platform.permanent && platform.until)
    out.push_back({"platform", "", "platform", *platform.until});
  bool any_unlimited = false;
  for (const auto& [ordinal, live] : state.live_agents()) {
    const registry::AgentState& agent = *live;
    any_unlimited = any_unlimited || agent.unlimited;
    // Agents licensed only by the unlimited-agents certificate share one reminder (below).
    if (!agent.coverage.until && !agent.coverage.permanent) continue;
    const registry::Coverage coverage = state.AgentCoverage(agent);
    if (!coverage.permanent && coverage.until)
      out.push_back({"agent", agent.id, agent.name, *coverage.until});
  }
  const auto& unlimited = state.unlimited();
  if (any_unlimited && !unlimited.permanent && unlimited.until) {
    out.push_back({"agents", "", "unlimited agents", *unlimited.until});
  }
  return out;
}

RegistryReminder NewReminder(const Expiring& r, int days, UnixSeconds now, bool sent) {
  return RegistryReminder{0,   crypto::NewId("rem"), r.kind, r.id, r.name, r.expires_at, days, now,
                          sent};
}

}  // namespace

Result<ReminderReport> RegistryReminderService::RunOnce() {
  ReminderReport report;
  LICENSOR_ASSIGN_OR_RETURN(const auto expiring, registry_.Read(ExpiringResources));
  const UnixSeconds now = clock_.Now();
  for (const Expiring& resource : expiring) {
    // Every threshold already passed counts as handled or not by the store alone; the nearest
    // one is sent, the earlier ones are recorded as skipped.
    const registry::ReminderDecision due = registry::DueReminder(resource.expires_at, now, {});
    if (!due.send) continue;
    int sent = 0;
    int skipped = 0;
    LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
      sent = skipped = 0;  // a store may run the function again after a retry
      const RegistryReminder reminder = NewReminder(resource, *due.send, now, true);
      LICENSOR_ASSIGN_OR_RETURN(const bool inserted, tx.InsertRegistryReminder(reminder));
      if (!inserted) return Status::Ok();  // sent before, by this node or another
      for (const int days : due.skip) {
        LICENSOR_ASSIGN_OR_RETURN(const bool recorded, tx.InsertRegistryReminder(NewReminder(
                                                           resource, days, now, false)));
        skipped += recorded ? 1 : 0;
      }
      const Json body = ToJson(reminder);
      LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, now, kSystemActor, kReminderEvent, "registry",
                                           reminder.id, nullptr, body));
      LICENSOR_RETURN_IF_ERROR(WebhookService::Enqueue(tx, now, kReminderEvent, reminder.id, body));
      if (mail_.enabled()) {
        const MailMessage message = ReminderMessage(reminder, mail_.public_url());
        LICENSOR_ASSIGN_OR_RETURN(const auto recipients, mail_.ReminderRecipientsIn(tx));
        for (const std::string& to : recipients) {
          LICENSOR_RETURN_IF_ERROR(
              mail_.Enqueue(tx, kReminderEvent, to, message.subject, message.body));
        }
      }
      sent = 1;
      return Status::Ok();
    }));
    report.sent += sent;
    report.skipped += skipped;
  }
  return report;
}

Result<Page<RegistryReminder>> RegistryReminderService::List(bool include_skipped,
                                                             const PageRequest& page) {
  return ReadValue<Page<RegistryReminder>>(
      store_, [&](StoreTx& tx) { return tx.ListRegistryReminders(include_skipped, page); });
}

}  // namespace licensor::core
