// List filters as statement parameters, the same in both stores. (Rows are read through the
// tables' column lists: storage/columns.hpp.)
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace licensor::storage {

// A yes/no filter as one integer parameter (the stores keep flags as 0 and 1), or NULL.
inline std::optional<std::int64_t> AsInt(const std::optional<bool>& flag) {
  if (!flag) return std::nullopt;
  return *flag ? 1 : 0;
}

// A list filter as one text parameter: a JSON array, or NULL for no filter.
inline std::optional<std::string> JsonList(const std::optional<std::vector<std::string>>& list) {
  if (!list) return std::nullopt;
  return nlohmann::json(*list).dump();
}

}  // namespace licensor::storage
