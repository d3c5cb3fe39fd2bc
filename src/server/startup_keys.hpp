// How licensord finds its master key and opens the store's keys with it (core/key_ring.hpp).
#pragma once

#include <memory>
#include <string>

#include "common/clock.hpp"
#include "core/key_ring.hpp"

namespace licensor::server {

// The master key comes from, in order: the file `master_key_file` names; LICENSOR_MASTER_KEY
// (64 hex digits), which is then removed from the environment; DATA_DIR/master.key. When there
// is none, one is generated and written there (mode 0600) before anything is sealed with it,
// and removed again when the store turns out to hold keys sealed by another: a lost key file is
// never silently replaced. `report` says where the key came from and what was done.
// Errors name the problem for the operator (kInvalidField for a malformed or doubly given key,
// kForbidden for a key the store's keys are not sealed with).
Result<std::unique_ptr<core::KeyRing>> OpenKeyRing(core::Store& store, const Clock& clock,
                                                   const std::string& master_key_file,
                                                   const std::string& data_dir,
                                                   std::string& report);

}  // namespace licensor::server
