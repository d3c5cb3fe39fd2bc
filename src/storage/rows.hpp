// Typed row reads shared by the store backends. The SELECT lists of both backends put the
// columns in the same order, and both row types offer Text/OptText/Int/OptInt/Bool by index.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"

namespace licensor::storage {

// A JSON array of strings stored in a text column; anything else reads as empty.
inline std::vector<std::string> ParseStringList(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const nlohmann::json& item : j) {
      if (item.is_string()) out.push_back(item.get_ref<const std::string&>());
    }
  }
  return out;
}

// A yes/no filter as one integer parameter (the stores keep flags as 0 and 1), or NULL.
inline std::optional<std::int64_t> AsInt(const std::optional<bool>& flag) {
  if (!flag) return std::nullopt;
  return *flag ? 1 : 0;
}

// A list filter as one text parameter: a JSON array, or NULL for no filter.
inline std::optional<std::string> JsonList(const std::optional<std::vector<std::string>>& list) {
  if (!list) return std::nullopt;
  return nlohmann::json(*list).dump();
}

// Columns: LICENSOR_USER_COLUMNS (storage/account_sql.hpp).
template <typename Row>
core::User ReadUser(const Row& r) {
  core::User u;
  u.id = r.Text(1);
  u.email = r.Text(2);
  u.display_name = r.Text(3);
  u.role = core::ParseRole(r.Text(4)).value_or(core::Role::kViewer);
  u.customer_id = r.OptText(5);
  u.disabled = r.Bool(6);
  u.password_hash = r.Text(7);
  u.created_at = r.Int(8);
  u.updated_at = r.Int(9);
  u.last_login_at = r.OptInt(10);
  return u;
}

// Columns: hash, user_id, created_at, last_seen_at.
template <typename Row>
core::Session ReadSession(const Row& r) {
  return core::Session{r.Text(0), r.Text(1), r.Int(2), r.Int(3)};
}

// Columns: day, kind, result, count.
template <typename Row>
core::DailyCount ReadDailyCount(const Row& r) {
  return core::DailyCount{r.Int(0), r.Text(1), r.Text(2), r.Int(3)};
}

// Columns: window_start, attempts.
template <typename Row>
core::SignInWindow ReadSignInWindow(const Row& r) {
  return core::SignInWindow{r.Int(0), r.Int(1)};
}

}  // namespace licensor::storage
