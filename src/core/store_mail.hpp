// The e-mail part of a store transaction: the outbox, the links that e-mails carry
// (invitations and password resets), and the settings that say where e-mail goes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/store_basics.hpp"

namespace licensor::core {

class MailTx {
 public:
  virtual ~MailTx() = default;

  virtual Status InsertMail(const Mail& mail) = 0;
  // False when mail with the same once_key was queued before (by any node).
  virtual Result<bool> InsertMailOnce(const Mail& mail) = 0;
  virtual Status UpdateMail(const Mail& mail) = 0;  // kNotFound when missing
  // PENDING mail whose next attempt is due at `now`, oldest first.
  virtual Result<std::vector<Mail>> ListDueMail(UnixSeconds now, int limit) = 0;
  // The mail not sent, by state (PENDING, FAILED); a state with none is left out.
  virtual Result<std::vector<OutboxState>> SummarizeMailOutbox() = 0;

  virtual Status InsertAccountLink(const AccountLink& link) = 0;
  virtual Status UpdateAccountLink(const AccountLink& link) = 0;  // kNotFound when missing
  virtual Result<std::optional<AccountLink>> GetAccountLink(const std::string& id) = 0;
  virtual Result<std::optional<AccountLink>> FindAccountLink(const std::string& token_hash) = 0;
  // Invitations not used, every one or those for `customer_id`'s users, newest last.
  virtual Result<Page<AccountLink>> ListOpenInvitations(
      const std::optional<std::string>& customer_id, const PageRequest& page) = 0;
  // Links of `purpose` for the address (core::EmailKey) made at or after `since`.
  virtual Result<std::int64_t> CountAccountLinks(const std::string& purpose,
                                                 const std::string& email_key,
                                                 UnixSeconds since) = 0;

  // A setting of this installation, e.g. where the registry's reminders go; JSON text.
  virtual Result<std::optional<std::string>> GetSetting(const std::string& name) = 0;
  virtual Status PutSetting(const std::string& name, const std::string& value, UnixSeconds now) = 0;
};

}  // namespace licensor::core
