// Audit event construction.
#include "core/audit.hpp"

#include "crypto/random.hpp"

namespace licensor::core {

Status RecordEvent(StoreTx& tx, UnixSeconds now, const Actor& actor, const std::string& action,
                   const std::string& resource_type, const std::string& resource_id,
                   const Json& before, const Json& after) {
  Event event;
  event.id = crypto::NewId("evt");
  event.at = now;
  event.actor = actor.id;
  event.address = actor.address;
  event.action = action;
  event.resource_type = resource_type;
  event.resource_id = resource_id;
  event.before = before.is_null() ? "" : before.dump();
  event.after = after.is_null() ? "" : after.dump();
  return tx.AppendEvent(event);
}

Result<Page<Event>> EventLog::List(const EventFilter& filter, const PageRequest& page) {
  return ReadValue<Page<Event>>(store_, [&](StoreTx& tx) { return tx.ListEvents(filter, page); });
}

}  // namespace licensor::core
