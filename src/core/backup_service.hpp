// Copies of the whole store (licensorctl backup), each recorded in the audit log with who
// took it: a backup holds every record, hashed secrets included.
#pragma once

#include <memory>

#include "common/clock.hpp"
#include "core/store.hpp"

namespace licensor::core {

struct Backup {
  std::shared_ptr<UnlinkedFile> file;
  UnixSeconds taken_at = 0;
};

class BackupService {
 public:
  BackupService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Store::Backup, then a "store.backed_up" event with the copy's size. The copy does not hold
  // its own event: it is recorded once the copy exists.
  Result<Backup> Take(const Actor& actor);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace licensor::core
