// E-mail: the registry's reminders, the licenses' expiry notices, invitations and password
// resets, sent through the SMTP relay the operator configures. Like webhook deliveries, mail is
// queued in the store inside the transaction that produced it (an outbox), so none is lost to a
// crash, and sent by the jobs with retries and backoff (core/outbox_retry.hpp). Without a relay
// nothing is queued.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/authz.hpp"
#include "core/store.hpp"
#include "crypto/master_key.hpp"

namespace licensor::core {

struct OutgoingMail {
  std::string id;  // also the message's Message-ID
  std::string to;
  std::string subject;
  std::string body;  // plain text
};

struct MailOutcome {
  bool sent = false;  // the relay accepted the message
  std::string error;  // otherwise why not, e.g. "Login denied" or "Couldn't connect to server"
};

// Hands one message to the relay; the server provides it (core does no network I/O).
using MailSender = std::function<MailOutcome(const OutgoingMail&)>;

struct MailReport {
  int attempted = 0;
  int sent = 0;
  int retrying = 0;  // failed this time, tried again later
  int failed = 0;    // failed for the last time
};

class MailService {
 public:
  static constexpr std::size_t kMaxReminderRecipients = 20;

  MailService(Store& store, const Clock& clock, const crypto::MasterKey& master)
      : store_(store), clock_(clock), master_(master) {}

  // Called once at start when licensord has a relay; `public_url` is where the links in mail
  // point (the console's address as browsers reach it).
  void Enable(std::string public_url);
  bool enabled() const { return enabled_; }
  const std::string& public_url() const { return public_url_; }
  UnixSeconds Now() const { return clock_.Now(); }

  // Queues one message inside the caller's transaction, its body sealed. Nothing is queued when
  // mail is not enabled.
  Status Enqueue(StoreTx& tx, const std::string& purpose, const std::string& to,
                 const std::string& subject, const std::string& body) const;
  // As Enqueue, once per `once_key` however often it is asked (by any node); answers whether
  // this call queued it.
  Result<bool> EnqueueOnce(StoreTx& tx, const std::string& once_key, const std::string& purpose,
                           const std::string& to, const std::string& subject,
                           const std::string& body) const;

  // Sends every message that is due, once each. A failed one is retried after
  // outbox::Backoff(attempts), up to outbox::kMaxAttempts in all.
  Result<MailReport> SendDue(const MailSender& send);

  // The addresses the registry's expiry reminders go to (this installation's).
  Result<std::vector<std::string>> ReminderRecipients();
  Result<std::vector<std::string>> ReminderRecipientsIn(StoreTx& tx) const;
  // Errors: kInvalidField (not addresses, or more than kMaxReminderRecipients).
  Result<std::vector<std::string>> SetReminderRecipients(const Actor& actor,
                                                         std::vector<std::string> emails);

 private:
  Mail NewMail(const std::string& purpose, const std::string& to, const std::string& subject,
               const std::string& body) const;
  Result<std::vector<Mail>> Claim(UnixSeconds now, int limit);

  Store& store_;
  const Clock& clock_;
  const crypto::MasterKey& master_;
  bool enabled_ = false;
  std::string public_url_;
};

}  // namespace licensor::core
