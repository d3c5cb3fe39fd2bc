// Typed, bounded reads of request-body fields; every failure names the field.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "core/serialize.hpp"

namespace licensor::server {

using Json = core::Json;

inline constexpr std::size_t kMaxStringField = 1024;

// Fails on any member not in `allowed`, so a typo never silently does nothing.
Status RejectUnknownFields(const Json& body, std::initializer_list<const char*> allowed);

Result<std::string> RequiredString(const Json& body, const char* field,
                                   std::size_t max_len = kMaxStringField);
Result<std::optional<std::string>> OptionalString(const Json& body, const char* field,
                                                  std::size_t max_len = kMaxStringField);
// Absent → nullopt; null → optional holding nullopt (used by PATCH to clear a value).
Result<std::optional<std::optional<std::string>>> NullableString(const Json& body,
                                                                 const char* field,
                                                                 std::size_t max_len);
Result<std::optional<std::int64_t>> OptionalInt(const Json& body, const char* field,
                                                std::int64_t min, std::int64_t max);
Result<std::optional<std::optional<std::int64_t>>> NullableInt(const Json& body, const char* field,
                                                               std::int64_t min, std::int64_t max);
Result<std::optional<bool>> OptionalBool(const Json& body, const char* field);
// One of admin, operator, viewer, customer_admin, customer_viewer.
Result<std::optional<core::Role>> OptionalRole(const Json& body, const char* field);
Result<std::optional<std::optional<UnixSeconds>>> NullableTime(const Json& body, const char* field);
Result<std::optional<std::vector<std::string>>> OptionalStringList(const Json& body,
                                                                   const char* field,
                                                                   std::size_t max_items,
                                                                   std::size_t max_len);
Result<std::map<std::string, std::string>> OptionalStringMap(const Json& body, const char* field,
                                                             std::size_t max_items,
                                                             std::size_t max_len);

}  // namespace licensor::server
