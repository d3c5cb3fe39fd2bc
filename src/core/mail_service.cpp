#include "core/mail_service.hpp"

#include <algorithm>

#include "core/audit.hpp"
#include "core/outbox_retry.hpp"
#include "core/user_service.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

constexpr const char* kSystemActor = "system";
constexpr const char* kReminderRecipientsSetting = "registry.reminder_recipients";

// A body is sealed to its message, so that a sealed body copied to another row does not open.
std::string BodyContext(const Mail& m) { return "mail-body:" + m.id; }

// A header carries no line break: a subject made from a name cannot add headers of its own.
std::string OneLine(const std::string& text) {
  std::string out = text;
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return out;
}

}  // namespace

void MailService::Enable(std::string public_url) {
  enabled_ = true;
  public_url_ = std::move(public_url);
}

Mail MailService::NewMail(const std::string& purpose, const std::string& to,
                          const std::string& subject, const std::string& body) const {
  const UnixSeconds now = clock_.Now();
  Mail m;
  m.id = crypto::NewId("mail");
  m.purpose = purpose;
  m.recipient = to;
  m.subject = OneLine(subject);
  m.sealed_body = master_.Seal(body, BodyContext(m));
  m.state = "PENDING";
  m.next_attempt_at = now;
  m.created_at = now;
  return m;
}

Status MailService::Enqueue(StoreTx& tx, const std::string& purpose, const std::string& to,
                            const std::string& subject, const std::string& body) const {
  if (!enabled_) return Status::Ok();
  return tx.InsertMail(NewMail(purpose, to, subject, body));
}

Result<bool> MailService::EnqueueOnce(StoreTx& tx, const std::string& once_key,
                                      const std::string& purpose, const std::string& to,
                                      const std::string& subject, const std::string& body) const {
  if (!enabled_) return false;
  Mail m = NewMail(purpose, to, subject, body);
  m.once_key = once_key;
  return tx.InsertMailOnce(m);
}

Result<std::vector<Mail>> MailService::Claim(UnixSeconds now, int limit) {
  std::vector<Mail> claimed;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(tx.LockRegistry());  // one claimer at a time across nodes
    LICENSOR_ASSIGN_OR_RETURN(claimed, tx.ListDueMail(now, limit));
    for (Mail& m : claimed) {
      m.next_attempt_at = now + outbox::kClaimLease;
      LICENSOR_RETURN_IF_ERROR(tx.UpdateMail(m));
    }
    return Status::Ok();
  }));
  return claimed;
}

Result<MailReport> MailService::SendDue(const MailSender& send) {
  MailReport report;
  // The runner asks every few seconds and mostly finds nothing: a read tells so without a write
  // transaction and the claimers' lock.
  LICENSOR_ASSIGN_OR_RETURN(const auto any_due,
                            ReadValue<std::vector<Mail>>(store_, [&](StoreTx& tx) {
                              return tx.ListDueMail(clock_.Now(), 1);
                            }));
  if (any_due.empty()) return report;
  for (;;) {
    LICENSOR_ASSIGN_OR_RETURN(auto claimed, Claim(clock_.Now(), outbox::kBatchSize));
    for (Mail& m : claimed) {
      const UnixSeconds at = clock_.Now();
      auto body = master_.Open(m.sealed_body, BodyContext(m));
      const MailOutcome outcome = body.ok()
                                      ? send({m.id, m.recipient, m.subject, *body})
                                      : MailOutcome{false, "the message's body does not open"};
      if (body.ok()) crypto::Wipe(*body);
      ++report.attempted;
      ++m.attempts;
      m.last_error = outcome.error;
      if (outcome.sent) {
        m.state = "SENT";
        m.sent_at = at;
        ++report.sent;
      } else if (m.attempts >= outbox::kMaxAttempts || !body.ok()) {
        m.state = "FAILED";
        ++report.failed;
      } else {
        m.next_attempt_at = at + outbox::Backoff(m.attempts);
        ++report.retrying;
      }
      if (m.state != "PENDING") m.sealed_body.clear();  // its links are not kept once done with
      LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
        LICENSOR_RETURN_IF_ERROR(tx.UpdateMail(m));
        if (m.state != "FAILED") return Status::Ok();
        return RecordEvent(tx, at, kSystemActor, "mail.failed", "mail", m.id, nullptr,
                           Json{{"purpose", m.purpose},
                                {"recipient", m.recipient},
                                {"attempts", m.attempts},
                                {"last_error", m.last_error}});
      }));
    }
    // Claimed mail moved past `now`, so each round takes new mail and the loop ends.
    if (static_cast<int>(claimed.size()) < outbox::kBatchSize) return report;
  }
}

Result<std::vector<std::string>> MailService::ReminderRecipientsIn(StoreTx& tx) const {
  LICENSOR_ASSIGN_OR_RETURN(const auto value, tx.GetSetting(kReminderRecipientsSetting));
  if (!value) return std::vector<std::string>{};
  const Json parsed = Json::parse(*value, nullptr, false);
  if (!parsed.is_array()) return std::vector<std::string>{};
  std::vector<std::string> emails;
  for (const auto& e : parsed) {
    if (e.is_string()) emails.push_back(e.get<std::string>());
  }
  return emails;
}

Result<std::vector<std::string>> MailService::ReminderRecipients() {
  return ReadValue<std::vector<std::string>>(store_,
                                             [&](StoreTx& tx) { return ReminderRecipientsIn(tx); });
}

Result<std::vector<std::string>> MailService::SetReminderRecipients(
    const Actor& actor, std::vector<std::string> emails) {
  if (emails.size() > kMaxReminderRecipients) {
    return Status::InvalidField("field 'emails' holds at most " +
                                std::to_string(kMaxReminderRecipients) + " addresses");
  }
  std::vector<std::string> unique;
  for (const std::string& email : emails) {
    if (!CheckEmail(email).ok()) {
      return Status::InvalidField("field 'emails' must hold email addresses of at most 254 bytes");
    }
    const bool seen = std::any_of(unique.begin(), unique.end(), [&](const std::string& u) {
      return EmailKey(u) == EmailKey(email);
    });
    if (!seen) unique.push_back(email);
  }
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const auto before, ReminderRecipientsIn(tx));
    LICENSOR_RETURN_IF_ERROR(
        tx.PutSetting(kReminderRecipientsSetting, Json(unique).dump(), clock_.Now()));
    return RecordEvent(tx, clock_.Now(), actor, "settings.reminder_recipients_changed", "settings",
                       kReminderRecipientsSetting, Json{{"emails", before}},
                       Json{{"emails", unique}});
  }));
  return unique;
}

}  // namespace licensor::core
