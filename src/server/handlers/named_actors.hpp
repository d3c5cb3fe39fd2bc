// Actor names beside actor ids in answers (core/actor_names.hpp): every answer that carries
// one of these ids carries its name too, whether a list's or a single item's.
#pragma once

#include <string>
#include <vector>

#include "core/actor_names.hpp"
#include "server/router.hpp"

namespace licensor::server {

// Adds "<field>_name" beside `field` (an actor id) in each of `items`, the names read once for
// all of them.
inline Status AddActorNames(core::ActorNames& names, std::vector<Json*> items,
                            const std::string& field) {
  std::vector<std::string> ids;
  for (const Json* item : items) ids.push_back(item->at(field).get<std::string>());
  LICENSOR_ASSIGN_OR_RETURN(const auto named, names.Of(ids));
  for (Json* item : items) (*item)[field + "_name"] = named.at(item->at(field).get<std::string>());
  return Status::Ok();
}

// A list reply with the names in each item of its "data".
inline Result<Reply> WithActorNames(core::ActorNames& names, Reply reply,
                                    const std::string& field) {
  std::vector<Json*> items;
  for (Json& item : reply.body["data"]) items.push_back(&item);
  LICENSOR_RETURN_IF_ERROR(AddActorNames(names, std::move(items), field));
  return reply;
}

// One item with its name.
inline Result<Json> WithActorName(core::ActorNames& names, Json item, const std::string& field) {
  LICENSOR_RETURN_IF_ERROR(AddActorNames(names, {&item}, field));
  return item;
}

}  // namespace licensor::server
