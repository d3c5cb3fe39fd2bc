// Links sent by e-mail that act once on an account: an invitation creates the account its
// reader names and protects with a password; a password reset sets a new password. Each link's
// secret is sent only to the address, and only its keyed hash is kept.
//
// Neither tells the person who asks whether an address has an account: an invitation is
// answered the same either way (an address with an account is told so by mail instead), and a
// password reset is answered the same for known and unknown addresses.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"
#include "core/authz.hpp"
#include "core/mail_service.hpp"
#include "core/store.hpp"
#include "core/user_service.hpp"
#include "crypto/token_hasher.hpp"

namespace licensor::core {

struct NewInvitation {
  std::string email;
  std::string display_name;  // proposed; the invitee may change it, "" lets them choose
  Role role = Role::kViewer;
  std::optional<std::string> customer_id;
};

class AccountLinkService {
 public:
  static constexpr UnixSeconds kInvitationLifetime = 7 * 86400;
  static constexpr UnixSeconds kResetLifetime = 3600;
  // Mail one address is sent in a day (invitations) or an hour (resets): past it, requests are
  // answered as before and send nothing, so no one can flood an inbox.
  static constexpr int kInvitationsPerDay = 5;
  static constexpr int kResetsPerHour = 3;
  static constexpr std::size_t kMaxSecretLength = 128;

  AccountLinkService(Store& store, const Clock& clock, const crypto::TokenHasher& hasher,
                     UserService& users, MailService& mail)
      : store_(store), clock_(clock), hasher_(hasher), users_(users), mail_(mail) {}

  // Errors: kMailNotConfigured, kInvalidField, kForbidden (a role `by` may not give),
  // kNotFound (customer).
  Result<AccountLink> Invite(const Principal& by, const Actor& actor, const NewInvitation& input);
  // Invitations not accepted or withdrawn: every one for an admin, a customer admin's own.
  Result<Page<AccountLink>> ListInvitations(const Principal& by, const PageRequest& page);
  Status WithdrawInvitation(const Principal& by, const Actor& actor, const std::string& id);
  // Creates the invited account. Errors: kInvalidAccountLink, kInvalidField, kAlreadyExists.
  Result<User> AcceptInvitation(const std::string& secret, const std::string& display_name,
                                const std::string& password, const std::string& address);

  // Mails a reset link when `email` names an enabled account. Errors: kMailNotConfigured,
  // kInvalidField (not an address); otherwise the same answer for every address.
  Status RequestPasswordReset(const std::string& email, const std::string& address);
  // Sets the password and ends every session of the account. Errors: kInvalidAccountLink,
  // kInvalidField.
  Status ResetPassword(const std::string& secret, const std::string& password,
                       const std::string& address);

 private:
  // The link with this secret, if it is of `purpose`, unused and not expired.
  Result<std::optional<AccountLink>> OpenLink(StoreTx& tx, const std::string& secret,
                                              const std::string& purpose);
  AccountLink NewLink(const std::string& purpose, const std::string& secret,
                      const std::string& email, UnixSeconds lifetime) const;

  Store& store_;
  const Clock& clock_;
  const crypto::TokenHasher& hasher_;
  UserService& users_;
  MailService& mail_;
};

}  // namespace licensor::core
