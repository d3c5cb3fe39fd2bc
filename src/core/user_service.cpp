// User use cases. Passwords are hashed before the write transaction opens: a hash costs tens
// of milliseconds, which no transaction (and on SQLite no other writer) should wait for.
#include "core/user_service.hpp"

#include "common/text.hpp"
#include "core/audit.hpp"
#include "core/serialize.hpp"
#include "crypto/password.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

std::size_t CodePoints(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool HasControlCharacter(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// Whether `by` may see and change `user`: an admin any user, a customer admin only the users
// of its own customer.
bool InReach(const Principal& by, const User& user) {
  if (by.role == Role::kAdmin) return true;
  return by.role == Role::kCustomerAdmin && by.customer_id && user.customer_id == by.customer_id;
}

}  // namespace

Status CheckRole(const Principal* by, Role role, const std::optional<std::string>& customer_id) {
  if (IsCustomerRole(role) != customer_id.has_value()) {
    return Status::InvalidField(
        "customer_admin and customer_viewer users need a customer_id; other roles take none");
  }
  if (by && by->role == Role::kCustomerAdmin &&
      (!IsCustomerRole(role) || customer_id != by->customer_id)) {
    return Status::Forbidden(
        "a customer admin gives only the customer_admin and customer_viewer roles of its own "
        "customer");
  }
  return Status::Ok();
}

namespace {

Status WrongCurrentPassword() {
  return Status(ErrorCode::kInvalidCredentials, "the current password is not right");
}

}  // namespace

Result<std::string> UserService::HashNewPassword(const std::string& password,
                                                 std::string_view field) const {
  LICENSOR_RETURN_IF_ERROR(CheckPassword(password, field));
  return passwords_.Hash(password);
}

Status CheckEmail(const std::string& email) {
  const auto at = email.find('@');
  if (email.size() < 3 || email.size() > 254 || at == 0 || at == std::string::npos ||
      at + 1 == email.size() || email.find('@', at + 1) != std::string::npos ||
      email.find(' ') != std::string::npos || HasControlCharacter(email) || !IsValidUtf8(email)) {
    return Status::InvalidField("field 'email' must be an email address of at most 254 bytes");
  }
  return Status::Ok();
}

Status CheckDisplayName(const std::string& name) {
  if (name.empty() || TextLength(name) > 100 || HasControlCharacter(name) || !IsValidUtf8(name)) {
    return Status::InvalidField("field 'display_name' must be 1 to 100 characters of text");
  }
  return Status::Ok();
}

Status CheckPassword(const std::string& password, std::string_view field) {
  if (!IsValidUtf8(password) || CodePoints(password) < crypto::kMinPasswordLength ||
      password.size() > crypto::kMaxPasswordLength) {
    return Status::InvalidField("field '" + std::string(field) + "' must be at least " +
                                std::to_string(crypto::kMinPasswordLength) +
                                " characters and at most " +
                                std::to_string(crypto::kMaxPasswordLength) + " bytes");
  }
  return Status::Ok();
}

Status CheckNewUser(const NewUser& input) {
  LICENSOR_RETURN_IF_ERROR(CheckEmail(input.email));
  LICENSOR_RETURN_IF_ERROR(CheckDisplayName(input.display_name));
  LICENSOR_RETURN_IF_ERROR(CheckRole(nullptr, input.role, input.customer_id));
  return CheckPassword(input.password);
}

Result<User> UserService::CreateIn(StoreTx& tx, const Actor& actor, const NewUser& input,
                                   std::string hash) {
  User u;
  u.id = crypto::NewId("usr");
  u.email = input.email;
  u.display_name = input.display_name;
  u.role = input.role;
  u.customer_id = input.customer_id;
  u.password_hash = std::move(hash);
  u.created_at = u.updated_at = clock_.Now();
  if (u.customer_id) {
    LICENSOR_RETURN_IF_ERROR(Require(tx.GetCustomer(*u.customer_id), "customer").status());
  }
  LICENSOR_RETURN_IF_ERROR(AlreadyExistsOn(tx.InsertUser(u), "a user with this email exists"));
  LICENSOR_RETURN_IF_ERROR(
      RecordEvent(tx, u.created_at, actor, "user.created", "user", u.id, nullptr, ToJson(u)));
  return u;
}

Status UserService::MayCreateDirectly(const Principal& by) {
  if (by.role == Role::kCustomerAdmin) {
    // The answer would tell whether the address has an account anywhere, its customer's or not.
    return Status(ErrorCode::kInvitationRequired,
                  "a customer admin adds users by invitation (POST /v1/invitations): the "
                  "address's owner chooses the password");
  }
  return Status::Ok();
}

Result<User> UserService::Create(const Principal& by, const Actor& actor, const NewUser& input) {
  LICENSOR_RETURN_IF_ERROR(MayCreateDirectly(by));
  LICENSOR_RETURN_IF_ERROR(CheckNewUser(input));
  LICENSOR_RETURN_IF_ERROR(CheckRole(&by, input.role, input.customer_id));
  LICENSOR_ASSIGN_OR_RETURN(std::string hash, passwords_.Hash(input.password));
  std::optional<User> created;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(created, CreateIn(tx, actor, input, hash));
    return Status::Ok();
  }));
  return *created;
}

Result<Page<User>> UserService::List(const Principal& by, const PageRequest& page) {
  const std::optional<std::string> scope =
      by.role == Role::kAdmin ? std::nullopt
                              : std::optional<std::string>(by.customer_id.value_or(""));
  return ReadValue<Page<User>>(store_, [&](StoreTx& tx) { return tx.ListUsers(scope, page); });
}

Result<User> UserService::GetOwn(const std::string& id) {
  return ReadValue<User>(store_, [&](StoreTx& tx) { return Require(tx.GetUser(id), "user"); });
}

Result<User> UserService::Get(const Principal& by, const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(User u, GetOwn(id));
  if (!InReach(by, u)) return Status::NotFound("user not found");
  return u;
}

Result<User> UserService::Change(const Actor& actor, const std::string& id, const Principal* by,
                                 const std::function<Status(StoreTx&, User&)>& change) {
  User u;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(u, Require(tx.GetUser(id), "user"));
    if (by && !InReach(*by, u)) return Status::NotFound("user not found");
    const User before = u;
    LICENSOR_RETURN_IF_ERROR(change(tx, u));
    const bool was_admin = before.role == Role::kAdmin && !before.disabled;
    const bool is_admin = u.role == Role::kAdmin && !u.disabled;
    if (was_admin && !is_admin) {
      // Two admins demoting each other at once on two nodes must not both see the other still
      // enabled.
      LICENSOR_RETURN_IF_ERROR(tx.LockAccounts());
      LICENSOR_ASSIGN_OR_RETURN(const auto admins, tx.CountEnabledAdmins());
      if (admins <= 1) {
        return Status::Conflict("the last enabled admin cannot be disabled or given another role");
      }
    }
    u.updated_at = clock_.Now();
    LICENSOR_RETURN_IF_ERROR(tx.UpdateUser(u));
    // What a session was granted rests on the password, role and customer it was opened with.
    if (u.password_hash != before.password_hash || u.role != before.role ||
        u.customer_id != before.customer_id || u.disabled != before.disabled) {
      LICENSOR_RETURN_IF_ERROR(tx.DeleteUserSessions(u.id));
    }
    const char* action =
        u.password_hash != before.password_hash ? "user.password_changed" : "user.updated";
    return RecordEvent(tx, u.updated_at, actor, action, "user", u.id, ToJson(before), ToJson(u));
  }));
  return u;
}

Result<User> UserService::Update(const Principal& by, const Actor& actor, const std::string& id,
                                 const UserChanges& changes) {
  if (changes.display_name) LICENSOR_RETURN_IF_ERROR(CheckDisplayName(*changes.display_name));
  std::optional<std::string> new_hash;
  if (changes.password) {
    LICENSOR_ASSIGN_OR_RETURN(new_hash, HashNewPassword(*changes.password));
  }
  return Change(actor, id, &by, [&](StoreTx& tx, User& u) -> Status {
    if (changes.display_name) u.display_name = *changes.display_name;
    if (changes.role) u.role = *changes.role;
    if (changes.customer_id) u.customer_id = *changes.customer_id;
    if (changes.disabled) u.disabled = *changes.disabled;
    if (new_hash) u.password_hash = *new_hash;
    LICENSOR_RETURN_IF_ERROR(CheckRole(&by, u.role, u.customer_id));
    if (changes.customer_id && u.customer_id) {
      LICENSOR_RETURN_IF_ERROR(Require(tx.GetCustomer(*u.customer_id), "customer").status());
    }
    return Status::Ok();
  });
}

Result<User> UserService::UpdateProfile(const Actor& actor, const std::string& id,
                                        const std::string& display_name) {
  LICENSOR_RETURN_IF_ERROR(CheckDisplayName(display_name));
  return Change(actor, id, nullptr, [&](StoreTx&, User& u) {
    u.display_name = display_name;
    return Status::Ok();
  });
}

Result<User> UserService::ChangePassword(const Actor& actor, const User& user,
                                         const std::string& current_password,
                                         const std::string& new_password) {
  if (current_password.size() > crypto::kMaxPasswordLength) return WrongCurrentPassword();
  LICENSOR_ASSIGN_OR_RETURN(const bool right,
                            passwords_.Verify(user.password_hash, current_password));
  if (!right) return WrongCurrentPassword();
  LICENSOR_ASSIGN_OR_RETURN(const std::string new_hash,
                            HashNewPassword(new_password, "new_password"));
  return Change(actor, user.id, nullptr, [&](StoreTx&, User& u) -> Status {
    // Another change of password in between wins; this one must be made again.
    if (u.password_hash != user.password_hash) {
      return Status::Conflict("the password was changed meanwhile; sign in again");
    }
    u.password_hash = new_hash;
    return Status::Ok();
  });
}

}  // namespace licensor::core
