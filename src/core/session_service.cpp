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
                                        const std::string& address,
                                        const std::string& address_key) {
  LICENSOR_RETURN_IF_ERROR(users_.passwords().CheckAvailable());
  const std::string account = EmailKey(email.substr(0, 254));
  LICENSOR_RETURN_IF_ERROR(BeginAttempt(account, address_key, "sign-ins"));
  std::optional<User> found;
  if (email.size() <= 254 && password.size() <= crypto::kMaxPasswordLength) {
    LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) {
      LICENSOR_ASSIGN_OR_RETURN(found, tx.FindUserByEmail(account));
      return Status::Ok();
    }));
  }
  // An unknown account is checked against a dummy hash: the answer and the time are those of a
  // wrong password.
  LICENSOR_ASSIGN_OR_RETURN(
      const bool verified,
      users_.passwords().Verify(found ? found->password_hash : "",
                                password.substr(0, crypto::kMaxPasswordLength)));
  const bool password_right = verified && found && password.size() <= crypto::kMaxPasswordLength;
  const bool accepted = password_right && !found->disabled;
  const Actor actor(found ? found->id : "anonymous", address);
  if (!accepted) {
    LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
      const char* reason = !found            ? "unknown account"
                           : !password_right ? "wrong password"
                                             : "disabled user";
      // What was typed is recorded only when it names an account: a password typed into the
      // email field must not land in a log that viewers read.
      return RecordEvent(
          tx, clock_.Now(), actor, "user.sign_in_failed", "user", found ? found->id : "", nullptr,
          found ? Json{{"email", found->email}, {"reason", reason}} : Json{{"reason", reason}});
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

Status SessionService::BeginAttempt(const std::string& account, const std::string& address_key,
                                    std::string_view what) {
  LICENSOR_ASSIGN_OR_RETURN(const UnixSeconds retry_after, throttle_.Begin(account, address_key));
  if (retry_after == 0) return Status::Ok();
  return Status::TryAgainIn(ErrorCode::kRateLimited,
                            "too many failed " + std::string(what) +
                                " from this address; retry after " + std::to_string(retry_after) +
                                " s",
                            retry_after);
}

Result<SignedIn> SessionService::ChangePassword(const User& user, const Actor& actor,
                                                const std::string& current_password,
                                                const std::string& new_password,
                                                const std::string& address_key) {
  LICENSOR_RETURN_IF_ERROR(users_.passwords().CheckAvailable());
  const std::string account = EmailKey(user.email);
  LICENSOR_RETURN_IF_ERROR(BeginAttempt(account, address_key, "password changes"));
  LICENSOR_ASSIGN_OR_RETURN(const User changed,
                            users_.ChangePassword(actor, user, current_password, new_password));
  // Every session of the user ended with the change; this browser gets a new one.
  SignedIn in{changed, {}};
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(throttle_.Succeeded(tx, account, address_key));
    LICENSOR_ASSIGN_OR_RETURN(in.secret, OpenIn(tx, changed));
    return Status::Ok();
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
  if (setup_done_) return false;
  LICENSOR_ASSIGN_OR_RETURN(const bool needed,
                            ReadValue<bool>(store_, [](StoreTx& tx) -> Result<bool> {
                              LICENSOR_ASSIGN_OR_RETURN(const auto users, tx.CountUsers());
                              return users == 0;
                            }));
  // Users are never all removed (the last enabled admin stays), so once over, setup stays over.
  if (!needed) setup_done_ = true;
  return needed;
}

Result<SignedIn> SessionService::CompleteSetup(const std::string& link_secret, const NewUser& admin,
                                               const std::string& address) {
  const auto invalid = [] {
    return Status(ErrorCode::kInvalidSetupLink,
                  "the setup link is not valid: it expired, was used, or an admin exists; "
                  "restart licensord for a new one");
  };
  // Everything that costs nothing comes before the password's hash, which costs 64 MiB and
  // tens of milliseconds: once an admin exists, or with a wrong link, the answer is at once.
  LICENSOR_ASSIGN_OR_RETURN(const bool needed, SetupNeeded());
  if (!needed || link_secret.empty() || link_secret.size() > kMaxSecretLength) return invalid();
  const std::string link_hash = hasher_.Hash(link_secret);
  const auto link_valid = [&](StoreTx& tx) -> Result<bool> {
    LICENSOR_ASSIGN_OR_RETURN(const auto expires, tx.FindSetupLink(link_hash));
    LICENSOR_ASSIGN_OR_RETURN(const auto users, tx.CountUsers());
    return expires && *expires > clock_.Now() && users == 0;
  };
  LICENSOR_ASSIGN_OR_RETURN(const bool valid, ReadValue<bool>(store_, link_valid));
  if (!valid) return invalid();
  LICENSOR_RETURN_IF_ERROR(CheckNewUser(admin));
  if (admin.role != Role::kAdmin) return Status::InvalidField("the first user is an admin");
  LICENSOR_ASSIGN_OR_RETURN(std::string hash, users_.passwords().Hash(admin.password));
  SignedIn in;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    // Two setups at once with one link, on two nodes, must not both find it unused.
    LICENSOR_RETURN_IF_ERROR(tx.LockAccounts());
    LICENSOR_ASSIGN_OR_RETURN(const bool still_valid, link_valid(tx));
    if (!still_valid) return invalid();
    LICENSOR_RETURN_IF_ERROR(tx.DeleteSetupLinks());
    LICENSOR_ASSIGN_OR_RETURN(in.user, users_.CreateIn(tx, Actor("setup", address), admin, hash));
    in.user.last_login_at = in.user.created_at;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateUser(in.user));
    LICENSOR_ASSIGN_OR_RETURN(in.secret, OpenIn(tx, in.user));
    return RecordEvent(tx, in.user.created_at, Actor(in.user.id, address), "user.signed_in", "user",
                       in.user.id, nullptr, nullptr);
  }));
  setup_done_ = true;
  return in;
}

}  // namespace licensor::core
