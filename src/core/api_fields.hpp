// A resource's fields as the API shows and takes them, each said once in a table: the serializer
// writes a reply through it, a route reads a body through it, the service checks the limits it
// states, and licensorctl makes one flag of each field that has one. A field's JSON name, type,
// limits, flag and help then live on one line (see policy_fields.cpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "common/text.hpp"
#include "common/time_format.hpp"
#include "core/enums.hpp"
#include "core/json_fields.hpp"

namespace licensor::core {

// What licensorctl turns a flag's text into.
enum class FlagValue { kString, kInt, kIntOrNone, kBool, kList, kTimeOrNone };

// Who sets a field.
enum class Settable {
  kNever,     // the server: identifiers and times
  kOnCreate,  // given at creation; a later change may repeat it, and the service refuses another
  kAlways,
};

// An enum's names (NamesOf<E>), for help and messages.
using ChoiceList = std::span<const std::string_view> (*)();

template <typename E>
struct ApiField {
  // The JSON member, or "object.member" for a member of an object member, which a body gives
  // whole: a member it leaves out is reset.
  std::string_view key;
  Settable settable;
  std::string_view flag;  // licensorctl's option ("--max-activations"); empty: none
  std::string_view help;
  FlagValue flag_value;
  ChoiceList choices;  // null: not an enum
  Json (*write)(const E&);
  // Reads member `name` of `object` into the entity when it is there; a value of the wrong type
  // or past its limits is refused, naming the member.
  Status (*read)(const Json& object, const char* name, E&);
  // The same limits on the entity's value as it stands, for the service to check whatever set it.
  Status (*check)(const E&, std::string_view key);
  void (*reset)(E&);  // back to a new entity's value
  // The JSON Schema of the value: its type and limits, which the OpenAPI document's must equal.
  Json (*schema)();
};

// ---- codecs: a member's JSON type and limits ----

namespace api {

inline Status Refuse(std::string_view key, const std::string& what) {
  return Status::InvalidField("field '" + std::string(key) + "' " + what);
}

// Text of MinLength to MaxLength characters (TextLength).
template <std::size_t MaxLength, std::size_t MinLength = 0>
struct Text {
  static constexpr FlagValue kFlag = FlagValue::kString;
  static Json Write(const std::string& v) { return v; }
  static Status Read(const Json& object, const char* name, std::string& v) {
    LICENSOR_ASSIGN_OR_RETURN(auto given, OptionalString(object, name, MaxLength));
    if (given) v = std::move(*given);
    return Status::Ok();
  }
  static Status Check(const std::string& v, std::string_view key) {
    return CheckTextLength(v, "field '" + std::string(key) + "'", MinLength, MaxLength);
  }
  static Json Schema() {
    Json schema = {{"type", "string"}, {"maxLength", MaxLength}};
    if (MinLength > 0) schema["minLength"] = MinLength;
    return schema;
  }
};

// A whole number from Min to Max; an int member is assigned within its range.
template <std::int64_t Min, std::int64_t Max>
struct Integer {
  static constexpr FlagValue kFlag = FlagValue::kInt;
  static Status OutOfRange(std::string_view key) {
    return Refuse(key, "must be between " + std::to_string(Min) + " and " + std::to_string(Max));
  }
  template <typename Int>
  static Json Write(Int v) {
    return v;
  }
  template <typename Int>
  static Status Read(const Json& object, const char* name, Int& v) {
    LICENSOR_ASSIGN_OR_RETURN(const auto given, OptionalInt(object, name, Min, Max));
    if (given) v = static_cast<Int>(*given);
    return Status::Ok();
  }
  template <typename Int>
  static Status Check(Int v, std::string_view key) {
    return v < Min || v > Max ? OutOfRange(key) : Status::Ok();
  }
  static Json Schema() { return {{"type", "integer"}, {"minimum", Min}, {"maximum", Max}}; }
};

// A whole number from Min to Max, or null.
template <std::int64_t Min, std::int64_t Max>
struct IntegerOrNull {
  static constexpr FlagValue kFlag = FlagValue::kIntOrNone;
  static Json Write(const std::optional<std::int64_t>& v) { return OrNull(v); }
  static Status Read(const Json& object, const char* name, std::optional<std::int64_t>& v) {
    LICENSOR_ASSIGN_OR_RETURN(const auto given, NullableInt(object, name, Min, Max));
    if (given) v = *given;
    return Status::Ok();
  }
  static Status Check(const std::optional<std::int64_t>& v, std::string_view key) {
    return v ? Integer<Min, Max>::Check(*v, key) : Status::Ok();
  }
  static Json Schema() {
    return {{"type", Json::array({"integer", "null"})}, {"minimum", Min}, {"maximum", Max}};
  }
};

struct TrueFalse {
  static constexpr FlagValue kFlag = FlagValue::kBool;
  static Json Write(bool v) { return v; }
  static Status Read(const Json& object, const char* name, bool& v) {
    LICENSOR_ASSIGN_OR_RETURN(const auto given, OptionalBool(object, name));
    if (given) v = *given;
    return Status::Ok();
  }
  static Status Check(bool, std::string_view) { return Status::Ok(); }
  static Json Schema() { return {{"type", "boolean"}}; }
};

// At most MaxItems distinct non-empty names of at most MaxLength bytes; a repeat is dropped.
template <std::size_t MaxItems, std::size_t MaxLength>
struct Names {
  static constexpr FlagValue kFlag = FlagValue::kList;
  static Json Write(const std::vector<std::string>& v) { return v; }
  static Status Read(const Json& object, const char* name, std::vector<std::string>& v) {
    LICENSOR_ASSIGN_OR_RETURN(auto given, OptionalStringList(object, name, MaxItems, MaxLength));
    if (given) v = std::move(*given);
    return Status::Ok();
  }
  static Status Check(const std::vector<std::string>& v, std::string_view key) {
    if (v.size() > MaxItems) {
      return Refuse(key, "holds more than " + std::to_string(MaxItems) + " items");
    }
    return Status::Ok();
  }
  static Json Schema() {
    return {{"type", "array"},
            {"maxItems", MaxItems},
            {"items", {{"type", "string"}, {"minLength", 1}, {"maxLength", MaxLength}}}};
  }
};

// One of an enum's names (NamesOf<Enum>).
template <typename EnumType, std::optional<EnumType> (*Parse)(std::string_view)>
struct Choice {
  using Enum = EnumType;
  static constexpr FlagValue kFlag = FlagValue::kString;
  static Json Write(Enum v) { return ToString(v); }
  static Status Read(const Json& object, const char* name, Enum& v) {
    LICENSOR_ASSIGN_OR_RETURN(const auto given, OptionalChoice(object, name, Parse));
    if (given) v = *given;
    return Status::Ok();
  }
  static Status Check(Enum, std::string_view) { return Status::Ok(); }
  static Json Schema() {
    Json names = Json::array();
    for (const auto name : NamesOf<Enum>()) names.push_back(name);
    return {{"type", "string"}, {"enum", std::move(names)}};
  }
};

// A time the server sets, shown in RFC 3339; no body sets it (Settable::kNever), so it reads
// nothing.
struct Time {
  static constexpr FlagValue kFlag = FlagValue::kTimeOrNone;
  static Json Write(UnixSeconds v) { return FormatRfc3339(v); }
  static Status Read(const Json&, const char*, UnixSeconds&) { return Status::Ok(); }
  static Status Check(UnixSeconds, std::string_view) { return Status::Ok(); }
  static Json Schema() { return {{"type", "string"}, {"format", "date-time"}}; }
};

// An enum's names, for a Choice; none for any other codec.
template <typename Codec>
constexpr ChoiceList ChoicesOf() {
  if constexpr (requires { typename Codec::Enum; }) {
    return &NamesOf<typename Codec::Enum>;
  } else {
    return nullptr;
  }
}

// The member a field stores: one member pointer, or a path into a member object.
template <typename T>
struct ClassOfMember;
template <typename C, typename M>
struct ClassOfMember<M C::*> {
  using type = C;
};
template <auto First, auto... Rest>
struct MemberPath {
  using Entity = typename ClassOfMember<decltype(First)>::type;
  template <typename E>
  static auto& Of(E& e) {
    return ((e.*First).*....*Rest);
  }
};

}  // namespace api

// A field of entity E whose value is at member `Path...` and whose JSON is Codec's.
template <typename Codec, auto... Path>
constexpr ApiField<typename api::MemberPath<Path...>::Entity> Field(std::string_view key,
                                                                    Settable settable,
                                                                    std::string_view flag = {},
                                                                    std::string_view help = {}) {
  using At = api::MemberPath<Path...>;
  using E = typename At::Entity;
  return {key,
          settable,
          flag,
          help,
          Codec::kFlag,
          api::ChoicesOf<Codec>(),
          [](const E& e) -> Json { return Codec::Write(At::Of(e)); },
          [](const Json& object, const char* name, E& e) {
            return Codec::Read(object, name, At::Of(e));
          },
          [](const E& e, std::string_view key) { return Codec::Check(At::Of(e), key); },
          [](E& e) {
            const E fresh{};
            At::Of(e) = At::Of(fresh);
          },
          &Codec::Schema};
}

// ---- what the table is used for ----

// How many of the entity's members the fields name (an object member's fields name one), for a
// table to be checked against FieldCount<E>(): a member added to an entity and not to its table
// fails the build.
template <typename E>
constexpr std::size_t MembersNamed(std::span<const ApiField<E>> fields) {
  const auto top = [](std::string_view key) { return key.substr(0, key.find('.')); };
  std::size_t n = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    bool named_before = false;
    for (std::size_t j = 0; j < i; ++j) named_before |= top(fields[j].key) == top(fields[i].key);
    n += named_before ? 0 : 1;
  }
  return n;
}

// The entity as the API shows it.
template <typename E>
Json FieldsToJson(std::span<const ApiField<E>> fields, const E& e) {
  Json out = Json::object();
  for (const auto& f : fields) {
    const auto dot = f.key.find('.');
    if (dot == std::string_view::npos) {
      out[std::string(f.key)] = f.write(e);
    } else {
      out[std::string(f.key.substr(0, dot))][std::string(f.key.substr(dot + 1))] = f.write(e);
    }
  }
  return out;
}

// Applies the settable fields `body` holds, on a new entity's values for a creation or on the
// stored ones for a change. A member no field names is refused, so a typo never does nothing.
template <typename E>
Status ApplyFields(std::span<const ApiField<E>> fields, const Json& body, E& e) {
  std::vector<std::string_view> members;  // of the body: each field's, or its object's
  for (const auto& f : fields) {
    if (f.settable == Settable::kNever) continue;
    const auto top = f.key.substr(0, f.key.find('.'));
    if (std::find(members.begin(), members.end(), top) == members.end()) members.push_back(top);
  }
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(body, members));
  for (const auto top : members) {
    const std::string name(top);
    const auto given = body.find(name);
    std::vector<const ApiField<E>*> inside;  // the fields of an object member
    for (const auto& f : fields) {
      if (f.settable == Settable::kNever) continue;
      if (f.key == top) {
        LICENSOR_RETURN_IF_ERROR(f.read(body, name.c_str(), e));
      } else if (f.key.starts_with(name + ".")) {
        inside.push_back(&f);
      }
    }
    if (inside.empty() || given == body.end()) continue;
    if (!given->is_object()) return api::Refuse(top, "must be an object");
    std::vector<std::string_view> allowed;
    for (const auto* f : inside) allowed.push_back(f->key.substr(top.size() + 1));
    LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(*given, allowed));
    for (const auto* f : inside) {
      const std::string member(f->key.substr(top.size() + 1));
      if (given->contains(member)) {
        LICENSOR_RETURN_IF_ERROR(f->read(*given, member.c_str(), e));
      } else {
        f->reset(e);
      }
    }
  }
  return Status::Ok();
}

// The limits of every field, on the entity as it stands.
template <typename E>
Status CheckFields(std::span<const ApiField<E>> fields, const E& e) {
  for (const auto& f : fields) LICENSOR_RETURN_IF_ERROR(f.check(e, f.key));
  return Status::Ok();
}

}  // namespace licensor::core
