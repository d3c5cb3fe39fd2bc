// Appends audit events inside the transaction of the change they describe.
#pragma once

#include <string>

#include "core/serialize.hpp"
#include "core/store.hpp"

namespace licensor::core {

// `before`/`after` are null for creations/deletions respectively.
Status RecordEvent(StoreTx& tx, UnixSeconds now, const Actor& actor, const std::string& action,
                   const std::string& resource_type, const std::string& resource_id,
                   const Json& before, const Json& after);

// Read access to the audit log.
class EventLog {
 public:
  explicit EventLog(Store& store) : store_(store) {}
  Result<Page<Event>> List(const EventFilter& filter, const PageRequest& page);

 private:
  Store& store_;
};

}  // namespace licensor::core
