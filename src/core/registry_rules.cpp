#include "core/registry_rules.hpp"

#include "common/time_format.hpp"

namespace licensor::core::registry {

Coverage Extend(const Coverage& current, std::optional<std::int64_t> validity_days,
                UnixSeconds now) {
  if (current.permanent || !validity_days) return Coverage{true, std::nullopt};
  const UnixSeconds base = current.until && *current.until > now ? *current.until : now;
  return Coverage{false, base + *validity_days * kSecondsPerDay};
}

const char* ToString(CertificateStatus status) {
  switch (status) {
    case CertificateStatus::kUnused:
      return "UNUSED";
    case CertificateStatus::kActivated:
      return "ACTIVATED";
    case CertificateStatus::kExpired:
      return "EXPIRED";
  }
  return "UNUSED";
}

CertificateStatus StatusOf(bool activated, const Coverage& resulting, bool agent_deleted,
                           UnixSeconds now) {
  if (agent_deleted) return CertificateStatus::kExpired;
  if (!activated) return CertificateStatus::kUnused;
  return resulting.CoversAt(now) ? CertificateStatus::kActivated : CertificateStatus::kExpired;
}

ReminderDecision DueReminder(UnixSeconds expires_at, UnixSeconds now,
                             const std::set<int>& handled) {
  ReminderDecision decision;
  if (now >= expires_at) return decision;  // expired: the expiry itself is reported elsewhere
  // kReminderDays runs from the farthest threshold to the nearest.
  for (const int days : kReminderDays) {
    if (now < expires_at - days * kSecondsPerDay || handled.count(days)) continue;
    if (decision.send) decision.skip.push_back(*decision.send);
    decision.send = days;
  }
  return decision;
}

std::string ReminderResource(const RegistryReminder& r) {
  if (r.resource_kind == "platform") return "The platform's license";
  if (r.resource_kind == "agents") return "The unlimited-agents license";
  return "The license of agent " + r.resource_name;
}

std::int64_t ReminderDaysLeft(const RegistryReminder& r) {
  return DaysLeft(r.expires_at - r.created_at);
}

}  // namespace licensor::core::registry
