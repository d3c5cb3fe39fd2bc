#include "core/mail_messages.hpp"

#include "common/time_format.hpp"
#include "core/credentials.hpp"
#include "core/enums.hpp"
#include "core/registry_rules.hpp"

namespace licensor::core {
namespace {

constexpr const char* kSignature =
    "\n-- \nLicensor\nThis message was sent automatically; replies are not read.\n";

}  // namespace

MailMessage ReminderMessage(const RegistryReminder& r, const std::string& console_url) {
  const std::string what = registry::ReminderResource(r);
  const std::string days = DaysText(registry::ReminderDaysLeft(r));
  return {what + " ends in " + days,
          what + " ends on " + FormatRfc3339(r.expires_at) + ", in " + days +
              ".\n\n"
              "Ask your vendor for a renewed certificate package and upload it on the License "
              "page of the console:\n" +
              console_url + "/platform/license\n\n" +
              "You receive this because your address is among the installation's reminder "
              "recipients; an administrator can change them on the same page.\n" +
              kSignature};
}

MailMessage LicenseExpiryMessage(const License& license, const std::string& product, int days) {
  return {"Your license for " + product + " ends in " + DaysText(days),
          "Your license " + Masked(license.code) + " for " + product + " ends on " +
              FormatRfc3339(*license.expires_at) + ", in " + DaysText(days) +
              ".\n\nRenew it with your vendor before then: once it ends, the machines that use "
              "it stop being licensed.\n\nYou receive this because your address is the one your "
              "vendor keeps for your company.\n" +
              kSignature};
}

MailMessage InvitationMessage(const AccountLink& invitation, const std::string& invited_by,
                              const std::string& link) {
  return {"You are invited to Licensor",
          invited_by + " invites you to Licensor's console as " +
              std::string(ToString(invitation.role)) +
              ".\n\n"
              "Choose your name and password here to create your account:\n" +
              link + "\n\nThe link works once, until " + FormatRfc3339(invitation.expires_at) +
              ". If you did not expect this invitation, ignore this message: no account is "
              "created without you.\n" +
              kSignature};
}

MailMessage AlreadyHaveAnAccountMessage(const std::string& invited_by,
                                        const std::string& console_url) {
  return {"You are invited to Licensor",
          invited_by +
              " tried to invite you to Licensor's console, but this address has an account "
              "already, so nothing was changed.\n\n"
              "Sign in with it here; if you forgot its password, ask for a new one on the "
              "sign-in page:\n" +
              console_url + "/\n" + kSignature};
}

MailMessage PasswordResetMessage(const AccountLink& reset, const std::string& link) {
  return {"Choose a new Licensor password",
          "Someone, probably you, asked for a new password for this address on Licensor's "
          "console.\n\n"
          "Choose it here:\n" +
              link + "\n\nThe link works once, until " + FormatRfc3339(reset.expires_at) +
              ". If you did not ask, ignore this message: your password stays as it is.\n" +
              kSignature};
}

MailMessage PasswordChangedMessage(const std::string& console_url) {
  return {"Your Licensor password was changed",
          "The password of your account on Licensor's console was just changed with a link "
          "sent to this address, and every session of the account was ended.\n\n"
          "If this was not you, ask for a new password at once on the sign-in page and tell "
          "your administrator:\n" +
              console_url + "/\n" + kSignature};
}

}  // namespace licensor::core
