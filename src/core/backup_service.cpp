#include "core/backup_service.hpp"

#include "core/audit.hpp"

namespace licensor::core {

Result<Backup> BackupService::Take(const Actor& actor) {
  const UnixSeconds now = clock_.Now();
  LICENSOR_ASSIGN_OR_RETURN(auto file, store_.Backup());
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    return RecordEvent(tx, now, actor, "store.backed_up", "store", "backup", nullptr,
                       Json{{"bytes", file->size()}});
  }));
  return Backup{std::move(file), now};
}

}  // namespace licensor::core
