// The text of every e-mail licensord sends: plain text, addressed to a person, saying what
// happened, what to do, and until when a link works. A link's secret is in its fragment (#),
// which browsers do not send to servers or put in Referer headers.
#pragma once

#include <string>

#include "common/clock.hpp"
#include "core/entities.hpp"

namespace licensor::core {

struct MailMessage {
  std::string subject;
  std::string body;
};

// Seed 000's expiry reminder for the platform, an agent, or the unlimited-agents license.
MailMessage ReminderMessage(const RegistryReminder& reminder, const std::string& console_url);

// A license of the vendor's ends in `days` (core/license_notices.hpp); to its customer.
MailMessage LicenseExpiryMessage(const License& license, const std::string& product, int days);

// An invitation to the console; `link` opens the page that creates the account.
MailMessage InvitationMessage(const AccountLink& invitation, const std::string& invited_by,
                              const std::string& link);
// Sent instead of an invitation when the address has an account already: the inviter is not
// told, the owner of the address is.
MailMessage AlreadyHaveAnAccountMessage(const std::string& invited_by,
                                        const std::string& console_url);

MailMessage PasswordResetMessage(const AccountLink& reset, const std::string& link);
// After a reset, so that the owner learns of a reset they did not ask for.
MailMessage PasswordChangedMessage(const std::string& console_url);

}  // namespace licensor::core
