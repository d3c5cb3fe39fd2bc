// Sessions are rows keyed by the keyed hash of the cookie's secret, so a copy of the database
// opens no session. Sign-in does the same work whatever is wrong with the attempt.
#include "core/session_service.hpp"

#include "core/audit.hpp"
#include "core/serialize.hpp"
#include "crypto/password.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

constexpr std::size_t kMaxSecretLength = 256;
constexpr std::size_t kMaxUsedSessions = 100000;  // bounds what FlushSessionUse holds

Status Refused() {
  return Status(ErrorCode::kInvalidCredentials, "the email or the password is not right");
}

Status SessionOver() {
  return Status(ErrorCode::kUnauthorized, "the session is over; sign in again");
}

}  // namespace

SessionService::SessionService(Store& store, const Clock& clock, const crypto::TokenHasher& hasher,
                               UserService& users, SessionOptions options)
    : store_(store),
      clock_(clock),
      hasher_(hasher),
      users_(users),
      options_(options),
      throttle_(store, clock, options.throttle) {}

Result<std::string> SessionService::OpenIn(StoreTx& tx, const User& user) {
  const std::string secret = crypto::NewSessionSecret();
  const UnixSeconds now = clock_.Now();
  LICENSOR_RETURN_IF_ERROR(tx.InsertSession(Session{hasher_.Hash(secret), user.id, now, now}));
  return secret;
}

Result<SignedIn> SessionService::SignIn(const std::string& email, const std::string& password,
                                        const std::string& address, const std::string& address_key,
                                        UnixSeconds& retry_after) {
  const std::string account = EmailKey(email.substr(0, 254));
  LICENSOR_ASSIGN_OR_RETURN(retry_after, throttle_.Begin(account, address_key));
  if (retry_after > 0) {
    return Status(ErrorCode::kRateLimited,
                  "too many failed sign-ins; retry after " + std::to_string(retry_after) + " s");
  }
  std::optional<User> found;
  if (email.size() <= 254 && password.size() <= crypto::kMaxPasswordLength) {
    LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) {
      LICENSOR_ASSIGN_OR_RETURN(found, tx.FindUserByEmail(account));
      return Status::Ok();
    }));
  }
  // An unknown account is checked against a dummy hash: the answer and the time are those of a
  // wrong password.
  const bool password_right =
      crypto::VerifyPassword(found ? found->password_hash : crypto::DummyPasswordHash(),
                             password.substr(0, crypto::kMaxPasswordLength)) &&
      found && password.size() <= crypto::kMaxPasswordLength;
  const bool accepted = password_right && !found->disabled;
  const Actor actor(found ? found->id : "anonymous", address);
  if (!accepted) {
    LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
      const char* reason = !found            ? "unknown email"
                           : !password_right ? "wrong password"
                                             : "disabled user";
      return RecordEvent(tx, clock_.Now(), actor, "user.sign_in_failed", "user",
                         found ? found->id : "", nullptr,
                         Json{{"email", email.substr(0, 254)}, {"reason", reason}});
    }));
    return Refused();
  }
  SignedIn in;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(throttle_.Succeeded(tx, account, address_key));
    LICENSOR_ASSIGN_OR_RETURN(in.user, Require(tx.GetUser(found->id), "user"));
    in.user.last_login_at = clock_.Now();
    LICENSOR_RETURN_IF_ERROR(tx.UpdateUser(in.user));
    LICENSOR_ASSIGN_OR_RETURN(in.secret, OpenIn(tx, in.user));
    return RecordEvent(tx, *in.user.last_login_at, actor, "user.signed_in", "user", in.user.id,
                       nullptr, nullptr);
  }));
  return in;
}

Result<User> SessionService::Authenticate(const std::string& secret) {
  if (secret.empty() || secret.size() > kMaxSecretLength) return SessionOver();
  const std::string hash = hasher_.Hash(secret);
  std::optional<Session> session;
  std::optional<User> user;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(session, tx.FindSession(hash));
    if (session) {
      LICENSOR_ASSIGN_OR_RETURN(user, tx.GetUser(session->user_id));
    }
    return Status::Ok();
  }));
  if (!session || !user || user->disabled || !crypto::ConstantTimeEquals(session->hash, hash)) {
    return SessionOver();
  }
  const UnixSeconds now = clock_.Now();
  std::lock_guard lock(used_mutex_);
  const auto used = used_.find(hash);
  const UnixSeconds last_use = used != used_.end() ? used->second : session->last_seen_at;
  if (now - last_use >= options_.idle_timeout_s ||
      now - session->created_at >= options_.lifetime_s) {
    return SessionOver();
  }
  if (used_.size() < kMaxUsedSessions || used != used_.end()) used_[hash] = now;
  return *user;
}

Status SessionService::SignOut(const std::string& secret, const Actor& actor) {
  const std::string hash = hasher_.Hash(secret);
  {
    std::lock_guard lock(used_mutex_);
    used_.erase(hash);
  }
  return store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const auto session, tx.FindSession(hash));
    if (!session) return Status::Ok();  // already over: signing out again changes nothing
    LICENSOR_RETURN_IF_ERROR(tx.DeleteSession(hash));
    return RecordEvent(tx, clock_.Now(), actor, "user.signed_out", "user", session->user_id,
                       nullptr, nullptr);
  });
}

Result<std::string> SessionService::Reopen(const User& user) {
  std::string secret;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(secret, OpenIn(tx, user));
    return Status::Ok();
  }));
  return secret;
}

std::string SessionService::CsrfToken(const std::string& secret) const {
  return hasher_.Hash("csrf\n" + secret);
}

Status SessionService::FlushSessionUse() {
  std::unordered_map<std::string, UnixSeconds> used;
  {
    std::lock_guard lock(used_mutex_);
    used.swap(used_);
  }
  const UnixSeconds now = clock_.Now();
  const Status written = store_.Write([&](StoreTx& tx) -> Status {
    for (const auto& [hash, at] : used) {
      const Status touched = tx.TouchSession(hash, at);
      // A session signed out meanwhile is gone; that is not a failure.
      if (!touched.ok() && touched.code() != ErrorCode::kNotFound) return touched;
    }
    LICENSOR_RETURN_IF_ERROR(throttle_.DropStale(tx));
    return tx.DeleteStaleSessions(now - options_.idle_timeout_s, now - options_.lifetime_s)
        .status();
  });
  if (!written.ok()) {  // kept for the next flush; a later use of a session wins
    std::lock_guard lock(used_mutex_);
    for (const auto& [hash, at] : used) used_.try_emplace(hash, at);
  }
  return written;
}

Result<std::optional<std::string>> SessionService::IssueSetupLink() {
  std::optional<std::string> secret;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const auto users, tx.CountUsers());
    if (users > 0) return tx.DeleteSetupLinks();
    secret = crypto::NewSetupSecret();
    return tx.InsertSetupLink(hasher_.Hash(*secret), clock_.Now() + options_.setup_link_lifetime_s);
  }));
  return secret;
}

Result<bool> SessionService::SetupNeeded() {
  return ReadValue<bool>(store_, [](StoreTx& tx) -> Result<bool> {
    LICENSOR_ASSIGN_OR_RETURN(const auto users, tx.CountUsers());
    return users == 0;
  });
}

Result<SignedIn> SessionService::CompleteSetup(const std::string& link_secret, const NewUser& admin,
                                               const std::string& address) {
  LICENSOR_RETURN_IF_ERROR(CheckNewUser(admin));
  if (admin.role != Role::kAdmin) return Status::InvalidField("the first user is an admin");
  if (link_secret.empty() || link_secret.size() > kMaxSecretLength) {
    return Status(ErrorCode::kInvalidSetupLink, "the setup link is not valid");
  }
  LICENSOR_ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(admin.password));
  SignedIn in;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const auto expires, tx.FindSetupLink(hasher_.Hash(link_secret)));
    LICENSOR_ASSIGN_OR_RETURN(const auto users, tx.CountUsers());
    if (!expires || *expires <= clock_.Now() || users > 0) {
      return Status(ErrorCode::kInvalidSetupLink,
                    "the setup link is not valid: it expired, was used, or an admin exists; "
                    "restart licensord for a new one");
    }
    LICENSOR_RETURN_IF_ERROR(tx.DeleteSetupLinks());
    LICENSOR_ASSIGN_OR_RETURN(in.user, users_.CreateIn(tx, Actor("setup", address), admin, hash));
    in.user.last_login_at = in.user.created_at;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateUser(in.user));
    LICENSOR_ASSIGN_OR_RETURN(in.secret, OpenIn(tx, in.user));
    return RecordEvent(tx, in.user.created_at, Actor(in.user.id, address), "user.signed_in", "user",
                       in.user.id, nullptr, nullptr);
  }));
  return in;
}

}  // namespace licensor::core
