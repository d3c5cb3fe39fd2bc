// The rules of the platform-and-agents model (seed 000), without I/O: how certificates extend a
// platform's or an agent's time, what status a certificate shows, and which expiry reminders
// are due. The installation's registry (its licensord) applies them.
#pragma once

#include <optional>
#include <set>
#include <vector>

#include "common/clock.hpp"
#include "core/entities.hpp"

namespace licensor::core::registry {

// How long a platform or an agent may run: until a time, for ever, or not at all yet.
struct Coverage {
  bool permanent = false;
  std::optional<UnixSeconds> until;  // meaningful when !permanent; nullopt: never covered

  bool CoversAt(UnixSeconds now) const { return permanent || (until && now < *until); }
};

// Applies a certificate of `validity_days` (nullopt: PERMANENT) at `now`: the days are added to
// the current end while it is in the future, otherwise to now; PERMANENT removes the end.
Coverage Extend(const Coverage& current, std::optional<std::int64_t> validity_days,
                UnixSeconds now);

enum class CertificateStatus { kUnused, kActivated, kExpired };
const char* ToString(CertificateStatus status);

// A certificate's status from the seed's rules: an agent certificate not bound yet is UNUSED;
// a certificate whose resulting end has passed, or whose agent was deleted, is EXPIRED;
// otherwise ACTIVATED.
CertificateStatus StatusOf(bool activated, const Coverage& resulting, bool agent_deleted,
                           UnixSeconds now);

// Days before an expiry on which a reminder is sent: 45, 30, 15, then each of the last seven.
inline const std::vector<int> kReminderDays = {45, 30, 15, 7, 6, 5, 4, 3, 2, 1};

struct ReminderDecision {
  std::optional<int> send;  // the threshold to remind of now
  std::vector<int> skip;    // earlier thresholds that passed unsent (e.g. the job was down):
                            // recorded as handled so they are never sent late
};
// Which reminder is due for an end at `expires_at`, given the thresholds already handled for
// that same end. At most one reminder at a time: the nearest threshold that has passed.
ReminderDecision DueReminder(UnixSeconds expires_at, UnixSeconds now, const std::set<int>& handled);

// What a reminder is about, as a person reads it: "The platform's license", "The license of
// agent Build-1" or "The unlimited-agents license". Its answer and its mail say the same.
std::string ReminderResource(const RegistryReminder& reminder);
// The days left when the reminder was recorded: one recorded late (an agent bound 20 days before
// its end gets the 30-day reminder) tells the days actually left.
std::int64_t ReminderDaysLeft(const RegistryReminder& reminder);

}  // namespace licensor::core::registry
