// Typed, bounded reads of request-body fields; every failure names the field.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "common/text.hpp"
#include "core/enums.hpp"
#include "core/serialize.hpp"

namespace licensor::core {

inline constexpr std::size_t kMaxStringField = 1024;

// Fails on any member not in `allowed`, so a typo never silently does nothing.
Status RejectUnknownFields(const Json& body, std::span<const std::string_view> allowed);
Status RejectUnknownFields(const Json& body, std::initializer_list<std::string_view> allowed);

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
// One of the enum's names (NamesOf); any other string is refused with the list of them.
template <typename E>
Result<std::optional<E>> OptionalChoice(const Json& body, const char* field,
                                        std::optional<E> (*parse)(std::string_view)) {
  LICENSOR_ASSIGN_OR_RETURN(const auto name, OptionalString(body, field, 64));
  if (!name) return std::optional<E>();
  const auto value = parse(*name);
  if (!value) {
    return Status::InvalidField(std::string("field '") + field + "' must be " +
                                OneOf(NamesOf<E>()));
  }
  return value;
}
// As OptionalChoice, for a field that must be present.
template <typename E>
Result<E> RequiredChoice(const Json& body, const char* field,
                         std::optional<E> (*parse)(std::string_view)) {
  LICENSOR_RETURN_IF_ERROR(RequiredString(body, field, 64).status());
  LICENSOR_ASSIGN_OR_RETURN(const auto value, OptionalChoice(body, field, parse));
  return *value;
}
Result<std::optional<std::optional<UnixSeconds>>> NullableTime(const Json& body, const char* field);
Result<std::optional<std::vector<std::string>>> OptionalStringList(const Json& body,
                                                                   const char* field,
                                                                   std::size_t max_items,
                                                                   std::size_t max_len);
Result<std::map<std::string, std::string>> OptionalStringMap(const Json& body, const char* field,
                                                             std::size_t max_items,
                                                             std::size_t max_len);

}  // namespace licensor::core
