// Expiry notices of the vendor's licenses (seed 003's trials and subscriptions), mailed to each
// license's customer on the days the registry reminds an installation (core/registry_rules.hpp):
// 45, 30 and 15 days before the license ends, and on each of its last seven days.
//
// A run looks only at the licenses that crossed a threshold since the last run ended (the store
// keeps where it got to), so it costs the notices due, not every license; each notice is queued
// once (the mail's once_key), however many runs or nodes come to it. A license that starts with
// fewer days than a threshold is told from the next threshold it crosses.
#pragma once

#include "common/clock.hpp"
#include "core/mail_service.hpp"
#include "core/store.hpp"

namespace licensor::core {

class LicenseExpiryNotices {
 public:
  LicenseExpiryNotices(Store& store, const Clock& clock, const MailService& mail)
      : store_(store), clock_(clock), mail_(mail) {}

  // Queues the notices due; answers how many. Nothing without a relay.
  Result<int> RunOnce();

 private:
  // Queues the notices of the licenses that reached `days` left in (from, to].
  Result<int> NoticeThreshold(int days, UnixSeconds from, UnixSeconds to);

  Store& store_;
  const Clock& clock_;
  const MailService& mail_;
};

}  // namespace licensor::core
