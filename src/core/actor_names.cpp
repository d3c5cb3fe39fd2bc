#include "core/actor_names.hpp"

#include <set>
#include <string_view>

namespace licensor::core {
namespace {

// The actors that are not accounts (core/entities.hpp, Actor).
std::optional<std::string> NameOfBuiltIn(std::string_view id) {
  if (id == "system") return "licensord";
  if (id == "client") return "a licensed product";
  if (id == "setup") return "the setup link";
  if (id == "anonymous") return "a signed-out visitor";
  return std::nullopt;
}

Result<std::string> NameOf(StoreTx& tx, const std::string& id) {
  if (auto built_in = NameOfBuiltIn(id)) return *built_in;
  if (id.starts_with("usr_")) {
    LICENSOR_ASSIGN_OR_RETURN(const auto user, tx.GetUser(id));
    if (user) return user->display_name;
  } else if (id.starts_with("tok_")) {
    LICENSOR_ASSIGN_OR_RETURN(const auto token, tx.GetToken(id));
    if (token) return "API token " + token->name;
  }
  return id;
}

}  // namespace

Result<std::map<std::string, std::string>> ActorNames::Of(const std::vector<std::string>& ids) {
  const std::set<std::string> distinct(ids.begin(), ids.end());
  return ReadValue<std::map<std::string, std::string>>(
      store_, [&](StoreTx& tx) -> Result<std::map<std::string, std::string>> {
        std::map<std::string, std::string> names;
        for (const auto& id : distinct) {
          LICENSOR_ASSIGN_OR_RETURN(names[id], NameOf(tx, id));
        }
        return names;
      });
}

}  // namespace licensor::core
