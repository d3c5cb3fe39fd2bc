// Running a store transaction's callback the way every backend must.
#pragma once

#include <exception>
#include <string>

#include "core/store.hpp"

namespace licensor::storage {

// A callback that throws must not unwind through the store (it would leave a transaction open,
// or, in SQLite's group commit, every later writer waiting): it fails like any other error, and
// its transaction is rolled back.
inline Status RunGuarded(const core::Store::TxFunction& fn, core::StoreTx& tx) {
  try {
    return fn(tx);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("store transaction threw: ") + e.what());
  }
}

}  // namespace licensor::storage
