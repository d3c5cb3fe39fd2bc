// The console's users: created and changed by admins (all users) and by customer admins (the
// users of their own customer only), each change recorded in the audit log.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "core/authz.hpp"
#include "core/store.hpp"
#include "crypto/password.hpp"

namespace licensor::core {

struct NewUser {
  std::string email;
  std::string display_name;
  Role role = Role::kViewer;
  std::optional<std::string> customer_id;  // required for customer roles, refused otherwise
  std::string password;
};

// Unset fields stay as they are.
struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<Role> role;
  std::optional<std::optional<std::string>> customer_id;
  std::optional<bool> disabled;
  std::optional<std::string> password;  // set by an administrator: a reset
};

class UserService {
 public:
  UserService(Store& store, const Clock& clock, const crypto::PasswordHasher& passwords)
      : store_(store), clock_(clock), passwords_(passwords) {}

  // Errors: kInvitationRequired (MayCreateDirectly), kInvalidField, kForbidden, kAlreadyExists.
  Result<User> Create(const Principal& by, const Actor& actor, const NewUser& input);
  // Only an admin creates a user with a password: the answer (an account exists or not) is one
  // an admin may know. Everyone else invites (core/account_links.hpp).
  static Status MayCreateDirectly(const Principal& by);
  // The insert of Create inside the caller's transaction (the first administrator's), for an
  // input that passed CheckNewUser and the hash of its password.
  Result<User> CreateIn(StoreTx& tx, const Actor& actor, const NewUser& input,
                        std::string password_hash);
  Result<Page<User>> List(const Principal& by, const PageRequest& page);
  // kNotFound for a user outside the caller's reach, as for one that does not exist.
  Result<User> Get(const Principal& by, const std::string& id);
  // The signed-in user's own record.
  Result<User> GetOwn(const std::string& id);
  // A change of password, role, customer or the disabled flag ends the user's sessions.
  Result<User> Update(const Principal& by, const Actor& actor, const std::string& id,
                      const UserChanges& changes);

  // The signed-in user's own profile and password; `current_password` must be right.
  Result<User> UpdateProfile(const Actor& actor, const std::string& id,
                             const std::string& display_name);
  // `user` as read for the request; the change is refused if its password changed since.
  Result<User> ChangePassword(const Actor& actor, const User& user,
                              const std::string& current_password, const std::string& new_password);

  // The Argon2id hash of a password that passes CheckPassword; `field` is the request field it
  // came in, which a refusal names.
  Result<std::string> HashNewPassword(const std::string& password,
                                      std::string_view field = "password") const;
  const crypto::PasswordHasher& passwords() const { return passwords_; }

 private:
  Result<User> Change(const Actor& actor, const std::string& id, const Principal* by,
                      const std::function<Status(StoreTx&, User&)>& change);

  Store& store_;
  const Clock& clock_;
  const crypto::PasswordHasher& passwords_;
};

// The checks every email, display name and password goes through.
Status CheckEmail(const std::string& email);
Status CheckDisplayName(const std::string& name);
// `field` is the request field the password came in, which a refusal names.
Status CheckPassword(const std::string& password, std::string_view field = "password");
Status CheckNewUser(const NewUser& input);
// What a user's role and customer must look like, and what `by` (if given) may hand out.
Status CheckRole(const Principal* by, Role role, const std::optional<std::string>& customer_id);

}  // namespace licensor::core
