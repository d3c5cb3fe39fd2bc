// Actor names beside actor ids in a list's answer (core/actor_names.hpp).
#pragma once

#include <string>
#include <vector>

#include "core/actor_names.hpp"
#include "server/router.hpp"

namespace licensor::server {

// Adds "<field>_name" beside `field` (an actor id) in each item of a list reply's "data", the
// names read once for the whole page.
inline Result<Reply> WithActorNames(core::ActorNames& names, Reply reply,
                                    const std::string& field) {
  Json& items = reply.body["data"];
  std::vector<std::string> ids;
  for (const Json& item : items) ids.push_back(item.at(field).get<std::string>());
  LICENSOR_ASSIGN_OR_RETURN(const auto named, names.Of(ids));
  for (Json& item : items) item[field + "_name"] = named.at(item.at(field).get<std::string>());
  return reply;
}

}  // namespace licensor::server
