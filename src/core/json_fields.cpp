// Field readers for request bodies.
#include "core/json_fields.hpp"

#include <algorithm>

#include "common/time_format.hpp"

namespace licensor::core {
namespace {

Status Invalid(const char* field, const std::string& what) {
  return Status::InvalidField(std::string("field '") + field + "' " + what);
}

}  // namespace

Status RejectUnknownFields(const Json& body, std::span<const std::string_view> allowed) {
  for (const auto& [key, value] : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Status::InvalidField("unknown field '" + key.substr(0, 64) + "'");
    }
  }
  return Status::Ok();
}

Status RejectUnknownFields(const Json& body, std::initializer_list<std::string_view> allowed) {
  return RejectUnknownFields(body, std::span(allowed.begin(), allowed.size()));
}

Result<std::optional<std::string>> OptionalString(const Json& body, const char* field,
                                                  std::size_t max_len) {
  const auto it = body.find(field);
  if (it == body.end()) return std::optional<std::string>();
  if (!it->is_string()) return Invalid(field, "must be a string");
  const auto& s = it->get_ref<const std::string&>();
  if (TextLength(s) > max_len) {
    return Invalid(field, "is longer than " + std::to_string(max_len) + " characters");
  }
  return std::optional<std::string>(s);
}

Result<std::string> RequiredString(const Json& body, const char* field, std::size_t max_len) {
  LICENSOR_ASSIGN_OR_RETURN(auto value, OptionalString(body, field, max_len));
  if (!value || value->empty()) return Invalid(field, "is required");
  return std::move(*value);
}

Result<std::optional<std::optional<std::string>>> NullableString(const Json& body,
                                                                 const char* field,
                                                                 std::size_t max_len) {
  using R = std::optional<std::optional<std::string>>;
  const auto it = body.find(field);
  if (it == body.end()) return R();
  if (it->is_null()) return R(std::optional<std::string>());
  LICENSOR_ASSIGN_OR_RETURN(auto value, OptionalString(body, field, max_len));
  return R(std::move(value));
}

Result<std::optional<std::int64_t>> OptionalInt(const Json& body, const char* field,
                                                std::int64_t min, std::int64_t max) {
  const auto it = body.find(field);
  if (it == body.end()) return std::optional<std::int64_t>();
  if (!it->is_number_integer()) return Invalid(field, "must be an integer");
  const bool too_big =
      it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(max);
  const std::int64_t v = too_big ? max : it->get<std::int64_t>();
  if (too_big || v < min || v > max) {
    return Invalid(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return std::optional<std::int64_t>(v);
}

Result<std::optional<std::optional<std::int64_t>>> NullableInt(const Json& body, const char* field,
                                                               std::int64_t min, std::int64_t max) {
  using R = std::optional<std::optional<std::int64_t>>;
  const auto it = body.find(field);
  if (it == body.end()) return R();
  if (it->is_null()) return R(std::optional<std::int64_t>());
  LICENSOR_ASSIGN_OR_RETURN(auto value, OptionalInt(body, field, min, max));
  return R(value);
}

Result<std::optional<bool>> OptionalBool(const Json& body, const char* field) {
  const auto it = body.find(field);
  if (it == body.end()) return std::optional<bool>();
  if (!it->is_boolean()) return Invalid(field, "must be true or false");
  return std::optional<bool>(it->get<bool>());
}

Result<std::optional<std::optional<UnixSeconds>>> NullableTime(const Json& body,
                                                               const char* field) {
  using R = std::optional<std::optional<UnixSeconds>>;
  const auto it = body.find(field);
  if (it == body.end()) return R();
  if (it->is_null()) return R(std::optional<UnixSeconds>());
  if (!it->is_string()) return Invalid(field, "must be an RFC 3339 time string or null");
  const auto t = ParseRfc3339(it->get_ref<const std::string&>());
  if (!t) return Invalid(field, "must be an RFC 3339 time such as 2027-01-31T00:00:00Z");
  return R(std::optional<UnixSeconds>(*t));
}

Result<std::optional<std::vector<std::string>>> OptionalStringList(const Json& body,
                                                                   const char* field,
                                                                   std::size_t max_items,
                                                                   std::size_t max_len) {
  using R = std::optional<std::vector<std::string>>;
  const auto it = body.find(field);
  if (it == body.end()) return R();
  if (!it->is_array()) return Invalid(field, "must be an array of strings");
  if (it->size() > max_items) {
    return Invalid(field, "holds more than " + std::to_string(max_items) + " items");
  }
  std::vector<std::string> out;
  for (const auto& item : *it) {
    if (!item.is_string() || item.get_ref<const std::string&>().empty() ||
        TextLength(item.get_ref<const std::string&>()) > max_len) {
      return Invalid(field, "must hold non-empty strings of at most " + std::to_string(max_len) +
                                " characters");
    }
    if (std::find(out.begin(), out.end(), item.get<std::string>()) == out.end()) {
      out.push_back(item.get<std::string>());
    }
  }
  return R(std::move(out));
}

Result<std::map<std::string, std::string>> OptionalStringMap(const Json& body, const char* field,
                                                             std::size_t max_items,
                                                             std::size_t max_len) {
  std::map<std::string, std::string> out;
  const auto it = body.find(field);
  if (it == body.end()) return out;
  if (!it->is_object())
    return Invalid(field, "must be an object of strings (leave it out for none)");
  if (it->size() > max_items) {
    return Invalid(field, "holds more than " + std::to_string(max_items) + " entries");
  }
  for (const auto& [key, value] : it->items()) {
    if (!value.is_string() || key.empty() || TextLength(key) > 64 ||
        TextLength(value.get_ref<const std::string&>()) > max_len) {
      return Invalid(field, "must map names (1-64 characters) to strings of at most " +
                                std::to_string(max_len) + " characters");
    }
    out[key] = value.get<std::string>();
  }
  return out;
}

}  // namespace licensor::core
