// Who an actor is, as people name them. The audit log and the records keep the actor's id,
// which stays true when a user is renamed; answers that people read add the name beside it
// (`actor_name`), so that no console or script has to look up every id on its own (a
// customer's user may not even list the users who acted).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/store.hpp"

namespace licensor::core {

class ActorNames {
 public:
  explicit ActorNames(Store& store) : store_(store) {}

  // Each id's name: a user's display name, an API token's name, or what a background job, a
  // licensed product or the setup link is. An id that names nobody now (a deleted token) is
  // its own name. One read, whatever the number of ids.
  Result<std::map<std::string, std::string>> Of(const std::vector<std::string>& ids);

 private:
  Store& store_;
};

}  // namespace licensor::core
