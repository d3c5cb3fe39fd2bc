// One value bound to a statement or read from a row, in the types both stores share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

namespace licensor::storage {

// The stores keep flags as 0/1 (SQLite) or BOOLEAN (PostgreSQL), enums as their names and
// lists as JSON text.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, bool, std::string>;
enum class SqlType { kInt, kBool, kText };

}  // namespace licensor::storage
