#include "core/account_links.hpp"

#include "core/audit.hpp"
#include "core/mail_messages.hpp"
#include "core/serialize.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

constexpr const char* kInvitation = "invitation";
constexpr const char* kPasswordReset = "password_reset";

Status InvalidLink(const std::string& purpose) {
  return Status(ErrorCode::kInvalidAccountLink,
                purpose == kInvitation
                    ? "the invitation link is not valid: it expired, was used or withdrawn; ask "
                      "for a new invitation"
                    : "the password link is not valid: it expired or was used; ask for a new one");
}

Status MailNotConfigured() {
  return Status(ErrorCode::kMailNotConfigured,
                "licensord sends no e-mail: its operator has not configured an SMTP relay "
                "(--smtp-url)");
}

// Whether `by` may see and withdraw the invitation: an admin every one, a customer admin its
// own customer's.
bool InScope(const Principal& by, const AccountLink& link) {
  return by.role == Role::kAdmin || (by.customer_id && link.customer_id == by.customer_id);
}

}  // namespace

AccountLink AccountLinkService::NewLink(const std::string& purpose, const std::string& secret,
                                        const std::string& email, UnixSeconds lifetime) const {
  AccountLink link;
  link.id = crypto::NewId(purpose == kInvitation ? "inv" : "rst");
  link.purpose = purpose;
  link.token_hash = hasher_.Hash(secret);
  link.email = email;
  link.created_at = clock_.Now();
  link.expires_at = link.created_at + lifetime;
  return link;
}

Result<std::optional<AccountLink>> AccountLinkService::OpenLink(StoreTx& tx,
                                                                const std::string& secret,
                                                                const std::string& purpose) {
  if (secret.empty() || secret.size() > kMaxSecretLength) return std::optional<AccountLink>();
  LICENSOR_ASSIGN_OR_RETURN(auto link, tx.FindAccountLink(hasher_.Hash(secret)));
  if (!link || link->purpose != purpose || link->used_at || link->expires_at <= clock_.Now()) {
    return std::optional<AccountLink>();
  }
  return link;
}

Result<AccountLink> AccountLinkService::Invite(const Principal& by, const Actor& actor,
                                               const NewInvitation& input) {
  if (!mail_.enabled()) return MailNotConfigured();
  LICENSOR_RETURN_IF_ERROR(CheckEmail(input.email));
  if (!input.display_name.empty()) LICENSOR_RETURN_IF_ERROR(CheckDisplayName(input.display_name));
  LICENSOR_RETURN_IF_ERROR(CheckRole(&by, input.role, input.customer_id));
  const std::string secret = crypto::NewLinkSecret();
  AccountLink link = NewLink(kInvitation, secret, input.email, kInvitationLifetime);
  link.display_name = input.display_name;
  link.role = input.role;
  link.customer_id = input.customer_id;
  link.created_by = actor.id;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    if (link.customer_id) {
      LICENSOR_RETURN_IF_ERROR(Require(tx.GetCustomer(*link.customer_id), "customer").status());
    }
    const std::string key = EmailKey(link.email);
    LICENSOR_ASSIGN_OR_RETURN(const auto recent,
                              tx.CountAccountLinks(kInvitation, key, link.created_at - 86400));
    LICENSOR_ASSIGN_OR_RETURN(const auto existing, tx.FindUserByEmail(key));
    std::string invited_by = "An administrator";
    if (by.signed_in) {
      LICENSOR_ASSIGN_OR_RETURN(const auto inviter, tx.GetUser(by.id));
      if (inviter) invited_by = inviter->display_name;
    }
    // The invitation is recorded either way, so that the inviter's list looks the same; for an
    // address with an account its secret is never sent, so it can never be accepted.
    LICENSOR_RETURN_IF_ERROR(tx.InsertAccountLink(link));
    LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, link.created_at, actor, "invitation.created",
                                         "invitation", link.id, nullptr, ToJson(link)));
    if (recent >= kInvitationsPerDay) return Status::Ok();
    const MailMessage message =
        existing ? AlreadyHaveAnAccountMessage(invited_by, mail_.public_url())
                 : InvitationMessage(link, invited_by,
                                     mail_.public_url() + "/invitation#token=" + secret);
    return mail_.Enqueue(tx, kInvitation, link.email, message.subject, message.body);
  }));
  return link;
}

Result<Page<AccountLink>> AccountLinkService::ListInvitations(const Principal& by,
                                                              const PageRequest& page) {
  const std::optional<std::string> scope =
      by.role == Role::kAdmin ? std::nullopt
                              : std::optional<std::string>(by.customer_id.value_or(""));
  return ReadValue<Page<AccountLink>>(
      store_, [&](StoreTx& tx) { return tx.ListOpenInvitations(scope, page); });
}

Status AccountLinkService::WithdrawInvitation(const Principal& by, const Actor& actor,
                                              const std::string& id) {
  return store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(auto link, tx.GetAccountLink(id));
    if (!link || link->purpose != kInvitation || link->used_at || !InScope(by, *link)) {
      return Status::NotFound("invitation not found");
    }
    const Json before = ToJson(*link);
    link->used_at = clock_.Now();
    LICENSOR_RETURN_IF_ERROR(tx.UpdateAccountLink(*link));
    return RecordEvent(tx, *link->used_at, actor, "invitation.withdrawn", "invitation", link->id,
                       before, ToJson(*link));
  });
}

Result<User> AccountLinkService::AcceptInvitation(const std::string& secret,
                                                  const std::string& display_name,
                                                  const std::string& password,
                                                  const std::string& address) {
  // The link first: a wrong one costs no password hash.
  LICENSOR_ASSIGN_OR_RETURN(const auto valid,
                            ReadValue<std::optional<AccountLink>>(store_, [&](StoreTx& tx) {
                              return OpenLink(tx, secret, kInvitation);
                            }));
  if (!valid) return InvalidLink(kInvitation);
  LICENSOR_RETURN_IF_ERROR(CheckDisplayName(display_name));
  LICENSOR_ASSIGN_OR_RETURN(std::string hash, users_.HashNewPassword(password));
  User created;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(auto link, OpenLink(tx, secret, kInvitation));
    if (!link) return InvalidLink(kInvitation);  // used by a request that came at the same time
    NewUser input{link->email, display_name, link->role, link->customer_id, ""};
    LICENSOR_ASSIGN_OR_RETURN(created, users_.CreateIn(tx, Actor(link->id, address), input, hash));
    link->used_at = clock_.Now();
    return tx.UpdateAccountLink(*link);
  }));
  return created;
}

Status AccountLinkService::RequestPasswordReset(const std::string& email,
                                                const std::string& address) {
  if (!mail_.enabled()) return MailNotConfigured();
  LICENSOR_RETURN_IF_ERROR(CheckEmail(email));
  const std::string secret = crypto::NewLinkSecret();
  AccountLink link = NewLink(kPasswordReset, secret, email, kResetLifetime);
  link.created_by = address;
  return store_.Write([&](StoreTx& tx) -> Status {
    const std::string key = EmailKey(email);
    LICENSOR_ASSIGN_OR_RETURN(const auto user, tx.FindUserByEmail(key));
    if (!user || user->disabled) return Status::Ok();
    LICENSOR_ASSIGN_OR_RETURN(const auto recent,
                              tx.CountAccountLinks(kPasswordReset, key, link.created_at - 3600));
    if (recent >= kResetsPerHour) return Status::Ok();
    link.email = user->email;
    link.user_id = user->id;
    LICENSOR_RETURN_IF_ERROR(tx.InsertAccountLink(link));
    LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, link.created_at, Actor("anonymous", address),
                                         "user.password_reset_requested", "user", user->id, nullptr,
                                         nullptr));
    const MailMessage message =
        PasswordResetMessage(link, mail_.public_url() + "/reset-password#token=" + secret);
    return mail_.Enqueue(tx, kPasswordReset, user->email, message.subject, message.body);
  });
}

Status AccountLinkService::ResetPassword(const std::string& secret, const std::string& password,
                                         const std::string& address) {
  // A link is good only while its account is as it was when the link was made: a reset, or any
  // other change, makes every earlier link useless.
  using Found = std::optional<std::pair<AccountLink, User>>;
  const auto open_reset = [&](StoreTx& tx) -> Result<Found> {
    LICENSOR_ASSIGN_OR_RETURN(auto link, OpenLink(tx, secret, kPasswordReset));
    if (!link || !link->user_id) return Found();
    LICENSOR_ASSIGN_OR_RETURN(auto user, tx.GetUser(*link->user_id));
    if (!user || user->disabled || user->updated_at > link->created_at) return Found();
    return Found(std::pair(*link, *user));
  };
  LICENSOR_ASSIGN_OR_RETURN(const auto valid, ReadValue<Found>(store_, open_reset));
  if (!valid) return InvalidLink(kPasswordReset);
  LICENSOR_ASSIGN_OR_RETURN(std::string hash, users_.HashNewPassword(password));
  return store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(auto found, open_reset(tx));
    if (!found) return InvalidLink(kPasswordReset);
    auto& [link, user] = *found;
    const UnixSeconds now = clock_.Now();
    // Strictly after the link's making, so that the link is spent even within its second.
    user.updated_at = std::max(now, link.created_at + 1);
    user.password_hash = hash;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateUser(user));
    LICENSOR_RETURN_IF_ERROR(tx.DeleteUserSessions(user.id));
    link.used_at = now;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateAccountLink(link));
    LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, now, Actor(link.id, address), "user.password_reset",
                                         "user", user.id, nullptr, nullptr));
    const MailMessage message = PasswordChangedMessage(mail_.public_url());
    return mail_.Enqueue(tx, "password_changed", user.email, message.subject, message.body);
  });
}

}  // namespace licensor::core
