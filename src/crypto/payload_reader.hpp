// Strict reading of signed payload objects: exact field sets and typed fields, with messages
// that name the field. Shared by every payload type (licenses, certificate packages, ...).
#pragma once

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.hpp"

namespace licensor::crypto {

// Typed access to one field of a payload object, with messages that name the field.
class FieldReader {
 public:
  explicit FieldReader(const nlohmann::json& object) : object_(object) {}

  // Every field of `names` is there, and nothing else but those of `optional` (fields added to a
  // payload later, written only when they say something, so that older readers still read the
  // files that do not use them).
  Status CheckExactly(const std::set<std::string>& names,
                      const std::set<std::string>& optional = {}) const {
    // Both are sorted: one pass in step answers the usual case; the loops below name the field.
    const auto& members = object_.get_ref<const nlohmann::json::object_t&>();
    if (members.size() == names.size() &&
        std::equal(
            members.begin(), members.end(), names.begin(),
            [](const auto& member, const std::string& name) { return member.first == name; })) {
      return Status::Ok();
    }
    for (const auto& [name, value] : object_.items()) {
      if (!names.count(name) && !optional.count(name)) {
        return Status::InvalidField("unknown payload field '" + name + "'");
      }
    }
    for (const auto& name : names) {
      if (!object_.contains(name))
        return Status::InvalidField("payload field '" + name + "' is missing");
    }
    return Status::Ok();
  }
  Result<std::string> String(const char* name) const {
    const nlohmann::json& v = object_.at(name);
    if (!v.is_string())
      return Status::InvalidField(std::string("payload field '") + name + "' must be a string");
    return v.get<std::string>();
  }
  Result<std::int64_t> Integer(const char* name) const {
    const nlohmann::json& v = object_.at(name);
    if (!v.is_number_integer())
      return Status::InvalidField(std::string("payload field '") + name + "' must be an integer");
    return v.get<std::int64_t>();
  }
  // An optional field: `fallback` when absent.
  Result<bool> BooleanOr(const char* name, bool fallback) const {
    const auto it = object_.find(name);
    if (it == object_.end()) return fallback;
    if (!it->is_boolean())
      return Status::InvalidField(std::string("payload field '") + name +
                                  "' must be true or false");
    return it->get<bool>();
  }
  Result<std::optional<std::int64_t>> IntegerOrNull(const char* name) const {
    if (object_.at(name).is_null()) return std::optional<std::int64_t>();
    LICENSOR_ASSIGN_OR_RETURN(const auto value, Integer(name));
    return std::optional<std::int64_t>(value);
  }

 private:
  const nlohmann::json& object_;
};

inline Result<std::vector<std::string>> StringList(const nlohmann::json& v,
                                                   const std::string& name) {
  if (!v.is_array()) return Status::InvalidField("payload field '" + name + "' must be a list");
  std::vector<std::string> out;
  for (const auto& item : v) {
    if (!item.is_string())
      return Status::InvalidField("payload field '" + name + "' must list strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

// A member of untrusted JSON when it has the expected type, else the fallback. (nlohmann's
// value() throws when the member exists with another type.)
inline std::string TextOr(const nlohmann::json& object, const char* name,
                          std::string fallback = "") {
  if (!object.is_object()) return fallback;
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}
inline bool FlagOr(const nlohmann::json& object, const char* name, bool fallback = false) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(name);
  return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}
inline std::int64_t IntegerOr(const nlohmann::json& object, const char* name,
                              std::int64_t fallback = 0) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(name);
  return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

}  // namespace licensor::crypto
