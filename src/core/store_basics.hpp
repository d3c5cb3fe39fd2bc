// What every part of the store interface shares: paging, and the errors a store may answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"

namespace licensor::core {

inline constexpr int kMaxPageSize = 500;

// What a store says when a write breaks a uniqueness or reference rule, when the database is
// too busy, or when it is full. The statement and the database's own words never leave the store
// except in kInternal (logged, never sent), so a client cannot learn the schema from an error.
inline constexpr std::string_view kStoreConflictMessage =
    "the change conflicts with a record that exists or is referenced";
inline constexpr std::string_view kStoreBusyMessage = "the database is busy; retry the request";
// Out of disk or memory: the server cannot write now, but may once its operator has made room.
inline constexpr std::string_view kStoreFullMessage =
    "the database has no room to write (its disk is full); retry later";

// For an insert whose only possible conflict is a taken unique key: that conflict as
// kAlreadyExists saying `what`; any other status unchanged.
inline Status AlreadyExistsOn(Status inserted, std::string what) {
  if (inserted.code() != ErrorCode::kConflict) return inserted;
  return Status(ErrorCode::kAlreadyExists, std::move(what));
}

// Keyset pagination: `after_seq` is the cursor decoded from the previous page.
struct PageRequest {
  std::int64_t after_seq = 0;
  int limit = 50;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::int64_t> next_after_seq;  // nullopt on the last page
};

}  // namespace licensor::core
